package io.rosterline.sandbox;

import com.sun.net.httpserver.HttpExchange;
import io.rosterline.sandbox.Http.HttpError;
import io.rosterline.sandbox.Roster.Kind;
import io.rosterline.sandbox.Roster.Overlay;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * OneRoster bulk CSV zips (1.1 and 1.2) of the current roster, streamed row by row. Bulk files hold the
 * active records only (to-be-deleted ones are simply absent, as a full bulk export does), with empty
 * status and dateLastModified columns as the bulk mode of the spec allows.
 */
final class CsvExport {

    static final String V1P1_PATH = "/csv/oneroster-v1p1.zip";
    static final String V1P2_PATH = "/csv/oneroster-v1p2.zip";
    /** How much of the zip a "reset" fault lets through before dropping the connection. */
    static final int RESET_AFTER_BYTES = 64 * 1024;

    private final Roster roster;
    private final OneRosterApi oneRoster;
    private final Faults faults;

    CsvExport(Roster roster, OneRosterApi oneRoster, Faults faults) {
        this.roster = roster;
        this.oneRoster = oneRoster;
        this.faults = faults;
    }

    void handle(HttpExchange ex, String path, Faults.Decision fault) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            throw new HttpError(405, "unsupported_method", "use GET to download the CSV zip");
        }
        boolean v12;
        if (V1P1_PATH.equals(path)) {
            v12 = false;
        } else if (V1P2_PATH.equals(path)) {
            v12 = true;
        } else {
            throw new HttpError(404, "unknownobject", "no CSV export at " + path + " (use " + V1P1_PATH + " or " + V1P2_PATH + ")");
        }
        ex.getResponseHeaders().set("Content-Type", "application/zip");
        ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + path.substring(5) + "\"");
        if (fault.reset()) {
            // declare a length we will never reach, send the first bytes, then drop the connection
            ex.sendResponseHeaders(200, Integer.MAX_VALUE);
            try {
                write(new CutOff(ex.getResponseBody(), RESET_AFTER_BYTES), v12);
            } catch (IOException expected) {
                // the cut-off point was reached
            }
            throw new Http.ConnectionCut();
        }
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            write(out, v12);
        }
        ex.close();
    }

    /** Fails after a number of bytes, to simulate a connection lost mid-download. */
    private static final class CutOff extends FilterOutputStream {
        private long left;

        CutOff(OutputStream out, long bytes) {
            super(out);
            this.left = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                out.flush();
                left = 0;
                throw new IOException("connection cut (fault switch)");
            }
            out.write(b, off, len);
            left -= len;
        }

        @Override
        public void close() {
            // the exchange is closed by the handler
        }
    }

    void write(OutputStream target, boolean v12) throws IOException {
        Overlay o = roster.overlay();
        ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
        zip.setLevel(Deflater.BEST_SPEED);
        Writer w = new BufferedWriter(new OutputStreamWriter(new NonClosing(zip), StandardCharsets.UTF_8), 1 << 16);
        Csv csv = new Csv(w);

        entry(zip, w, csv, "manifest.csv");
        manifest(csv, v12);
        entry(zip, w, csv, "orgs.csv");
        orgs(csv, o);
        entry(zip, w, csv, "academicSessions.csv");
        sessions(csv);
        entry(zip, w, csv, "courses.csv");
        courses(csv, o);
        entry(zip, w, csv, "classes.csv");
        classes(csv, o);
        entry(zip, w, csv, "users.csv");
        users(csv, o, v12);
        if (v12) {
            entry(zip, w, csv, "roles.csv");
            roles(csv, o);
            entry(zip, w, csv, "userProfiles.csv");
            userProfiles(csv, o);
        }
        entry(zip, w, csv, "enrollments.csv");
        enrollments(csv, o);
        w.flush();
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    private void entry(ZipOutputStream zip, Writer w, Csv csv, String name) throws IOException {
        csv.renames = faults.renamesOf(name.substring(0, name.length() - ".csv".length()));
        w.flush();
        if (!"manifest.csv".equals(name)) {
            zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry(name));
    }

    /** Keeps the writer's close from closing the zip. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }

    /** Minimal RFC 4180 row writer. */
    private static final class Csv {
        private final Writer w;
        /** The renamedFields fault for the current file: column to the header it is written under. */
        java.util.Map<String, String> renames = java.util.Map.of();
        private boolean first = true;

        Csv(Writer w) {
            this.w = w;
        }

        Csv f(String value) throws IOException {
            if (!first) {
                w.write(',');
            }
            first = false;
            if (value == null || value.isEmpty()) {
                return this;
            }
            boolean quote = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                    quote = true;
                    break;
                }
            }
            if (quote) {
                w.write('"');
                w.write(value.replace("\"", "\"\""));
                w.write('"');
            } else {
                w.write(value);
            }
            return this;
        }

        void end() throws IOException {
            w.write("\r\n");
            first = true;
        }

        void header(String... names) throws IOException {
            for (String n : names) {
                f(renames.getOrDefault(n, n));
            }
            end();
        }
    }

    private void manifest(Csv c, boolean v12) throws IOException {
        c.header("propertyName", "value");
        c.f("manifest.version").f("1.0").end();
        c.f("oneroster.version").f(v12 ? "1.2" : "1.1").end();
        String[] bulk = {"academicSessions", "classes", "courses", "enrollments", "orgs", "users"};
        String[] absent = v12
                ? new String[] {"categories", "classResources", "courseResources", "demographics", "lineItems", "resources",
                                "results", "scoreScales", "lineItemLearningObjectiveIds", "lineItemScoreScales",
                                "resultLearningObjectiveIds", "resultScoreScales"}
                : new String[] {"categories", "classResources", "courseResources", "demographics", "lineItems", "resources", "results"};
        for (String f : bulk) {
            c.f("file." + f).f("bulk").end();
        }
        if (v12) {
            c.f("file.roles").f("bulk").end();
            c.f("file.userProfiles").f("bulk").end();
        }
        for (String f : absent) {
            c.f("file." + f).f("absent").end();
        }
        c.f("source.systemName").f("Rosterline sis-sandbox").end();
        c.f("source.systemCode").f("sis-sandbox-" + roster.d.seed).end();
    }

    private void orgs(Csv c, Overlay o) throws IOException {
        District d = roster.d;
        c.header("sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId");
        c.f(roster.orgId(0)).f("").f("").f(d.districtName).f("district").f("D" + d.seed).f("").end();
        for (int s = 0; s < d.schools; s++) {
            if (o.schoolDroppedAt()[s] == 0) {
                c.f(roster.schoolId(s)).f("").f("").f(roster.schoolName(s)).f("school").f(Integer.toString(100 + s + 1))
                        .f(roster.orgId(0)).end();
            }
        }
    }

    private void sessions(Csv c) throws IOException {
        District d = roster.d;
        c.header("sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear");
        String year = Integer.toString(d.schoolYear);
        c.f(roster.sessionId(0)).f("").f("").f((d.schoolYear - 1) + "-" + d.schoolYear + " School Year").f("schoolYear")
                .f(d.yearStart.toString()).f(d.yearEnd.toString()).f("").f(year).end();
        c.f(roster.sessionId(1)).f("").f("").f("Fall " + (d.schoolYear - 1) + " Semester").f("term")
                .f(d.termStart(0).toString()).f(d.termEnd(0).toString()).f(roster.sessionId(0)).f(year).end();
        c.f(roster.sessionId(2)).f("").f("").f("Spring " + d.schoolYear + " Semester").f("term")
                .f(d.termStart(1).toString()).f(d.termEnd(1).toString()).f(roster.sessionId(0)).f(year).end();
    }

    private void courses(Csv c, Overlay o) throws IOException {
        District d = roster.d;
        c.header("sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode", "grades",
                "orgSourcedId", "subjects", "subjectCodes");
        for (int i = 0; i < roster.courseSpace(o); i++) {
            if (roster.courseDroppedAt(o, i) != 0) {
                continue;
            }
            int school = roster.courseSchool(o, i);
            c.f(roster.courseId(i)).f("").f("").f(roster.sessionId(0)).f(roster.courseTitle(o, i)).f(roster.courseCode(o, i))
                    .f(roster.courseGrade(o, i)).f(roster.schoolId(school))
                    .f(roster.courseSubject(o, i)).f("").end();
        }
    }

    private void classes(Csv c, Overlay o) throws IOException {
        District d = roster.d;
        c.header("sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType",
                "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods");
        for (int i = 0; i < d.totalClasses; i++) {
            if (roster.classDroppedAt(o, i) != 0) {
                continue;
            }
            int slot = District.classSlot(i);
            c.f(roster.classId(i)).f("").f("").f(roster.classTitle(i)).f(d.cohortGrade(District.classCohort(i)))
                    .f(roster.courseId(roster.classCourse(o, i))).f(roster.classCode(i)).f("scheduled").f("Room " + (100 + (i % 40)))
                    .f(roster.schoolId(roster.classSchool(i))).f(roster.sessionId(1 + District.slotTerm(slot)))
                    .f(District.SUBJECTS[District.slotSubject(slot)]).f("").f(Integer.toString(District.slotSubject(slot) + 1))
                    .end();
        }
    }

    private void users(Csv c, Overlay o, boolean v12) throws IOException {
        if (v12) {
            c.header("sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName",
                    "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password",
                    "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName", "preferredMiddleName",
                    "preferredFamilyName", "primaryOrgSourcedId", "pronouns");
        } else {
            c.header("sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds",
                    "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
                    "password");
        }
        Lister.Candidates all = Lister.concat(oneRoster.students(o), oneRoster.teachers());
        for (int pos = 0; pos < all.size(); pos++) {
            int u = all.at(pos);
            if (u < 0 || roster.userDroppedAt(o, u) != 0) {
                continue;
            }
            boolean teacher = roster.isTeacherUser(u);
            String school = roster.schoolId(roster.userSchool(u));
            String userIds = "{" + (teacher ? "employeeId" : "studentNumber") + ":" + roster.userIdentifier(u) + "}";
            String grades = teacher ? "" : roster.studentGrade(u);
            c.f(roster.userId(u)).f("").f("").f("true");
            if (!v12) {
                c.f(school).f(teacher ? "teacher" : "student");
            }
            c.f(roster.username(u)).f(userIds).f(faults.name(roster.givenName(u), false)).f(faults.name(roster.familyName(u), true))
                    .f(roster.middleName(u))
                    .f(roster.userIdentifier(u)).f(roster.email(u)).f("").f("").f("").f(grades).f("");
            if (v12) {
                c.f(roster.userIdentifier(u)).f("").f("").f("").f("").f(school).f("");
            }
            c.end();
        }
    }

    private void roles(Csv c, Overlay o) throws IOException {
        c.header("sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate",
                "orgSourcedId", "userProfileSourcedId");
        Lister.Candidates all = Lister.concat(oneRoster.students(o), oneRoster.teachers());
        for (int pos = 0; pos < all.size(); pos++) {
            int u = all.at(pos);
            if (u < 0 || roster.userDroppedAt(o, u) != 0) {
                continue;
            }
            String id = roster.userId(u);
            c.f("role-" + id).f("").f("").f(id).f("primary").f(roster.isTeacherUser(u) ? "teacher" : "student")
                    .f(roster.d.yearStart.toString()).f(roster.d.yearEnd.toString()).f(roster.schoolId(roster.userSchool(u)))
                    .f("prof-" + id).end();
        }
    }

    private void userProfiles(Csv c, Overlay o) throws IOException {
        c.header("sourcedId", "status", "dateLastModified", "userSourcedId", "profileType", "vendorId", "applicationId",
                "description", "credentialType", "username", "password");
        Lister.Candidates all = Lister.concat(oneRoster.students(o), oneRoster.teachers());
        for (int pos = 0; pos < all.size(); pos++) {
            int u = all.at(pos);
            if (u < 0 || roster.userDroppedAt(o, u) != 0) {
                continue;
            }
            String id = roster.userId(u);
            c.f("prof-" + id).f("").f("").f(id).f("sso").f("rosterline-sandbox").f("").f("Sandbox single sign-on account")
                    .f("username").f(roster.username(u)).f("").end();
        }
    }

    private void enrollments(Csv c, Overlay o) throws IOException {
        District d = roster.d;
        c.header("sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role",
                "primary", "beginDate", "endDate");
        String[] begin = {d.termStart(0).toString(), d.termStart(1).toString()};
        String[] end = {d.termEnd(0).toString(), d.termEnd(1).toString()};
        int space = roster.enrollmentSpace(o);
        for (int e = 0; e < space; e++) {
            int u = roster.enrollmentUser(o, e);
            if (u < 0 || roster.droppedAt(o, Kind.ENROLLMENT, e) != 0) {
                continue;
            }
            int cls = roster.enrollmentClass(o, e);
            int term = District.slotTerm(District.classSlot(cls));
            c.f(roster.enrollmentId(e)).f("").f("").f(roster.classId(cls)).f(roster.schoolId(roster.classSchool(cls)))
                    .f(roster.userId(u)).f(roster.enrollmentIsTeacher(e) ? "teacher" : "student")
                    .f(roster.enrollmentIsPrimary(e) ? "true" : "false").f(begin[term]).f(end[term]).end();
        }
    }
}
