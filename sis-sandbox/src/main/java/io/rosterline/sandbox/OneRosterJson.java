package io.rosterline.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import io.rosterline.sandbox.Roster.Kind;
import io.rosterline.sandbox.Roster.Overlay;
import java.io.IOException;
import java.util.Map;

/**
 * Writes OneRoster records (1.1 or 1.2 JSON binding) straight to a Jackson generator, and exposes their
 * fields to filters. One instance serves one request (it carries the href base and the overlay snapshot).
 */
final class OneRosterJson {

    private final Roster r;
    private final District d;
    private final Overlay o;
    private final boolean v12;
    private final String base;
    private final Faults faults;

    OneRosterJson(Roster roster, Overlay overlay, boolean v12, String hrefBase, Faults faults) {
        this.r = roster;
        this.d = roster.d;
        this.o = overlay;
        this.v12 = v12;
        this.base = hrefBase;
        this.faults = faults;
    }

    void write(JsonGenerator out, Kind k, int i) throws IOException {
        Map<String, String> renames = faults.renamesOf(k.plural);
        JsonGenerator g = renames.isEmpty() ? out : new Renaming(out, renames);
        switch (k) {
            case ORG -> org(g, i);
            case SESSION -> session(g, i);
            case COURSE -> course(g, i);
            case CLASS -> clazz(g, i);
            case USER -> user(g, i);
            case ENROLLMENT -> enrollment(g, i);
        }
    }

    /** Whether enrollments may be written from precomputed fragments: not while a fault renames their fields. */
    boolean enrollmentsAsFragments() {
        return faults.renamesOf(Kind.ENROLLMENT.plural).isEmpty();
    }

    /** The renamedFields fault: field names written under another name (header drift). */
    private static final class Renaming extends JsonGeneratorDelegate {
        private final Map<String, String> names;

        Renaming(JsonGenerator delegate, Map<String, String> names) {
            super(delegate, false);
            this.names = names;
        }

        @Override
        public void writeFieldName(String name) throws IOException {
            super.writeFieldName(names.getOrDefault(name, name));
        }

        @Override
        public void writeStringField(String name, String value) throws IOException {
            writeFieldName(name);
            writeString(value);
        }

        @Override
        public void writeBooleanField(String name, boolean value) throws IOException {
            writeFieldName(name);
            writeBoolean(value);
        }

        @Override
        public void writeArrayFieldStart(String name) throws IOException {
            writeFieldName(name);
            writeStartArray();
        }

        @Override
        public void writeObjectFieldStart(String name) throws IOException {
            writeFieldName(name);
            writeStartObject();
        }
    }

    private void head(JsonGenerator g, Kind k, int i) throws IOException {
        g.writeStartObject();
        g.writeStringField("sourcedId", r.id(k, i));
        g.writeStringField("status", r.droppedAt(o, k, i) != 0 ? "tobedeleted" : "active");
        g.writeStringField("dateLastModified", r.iso(r.modified(o, k, i)));
    }

    private void ref(JsonGenerator g, String field, String path, String id, String type) throws IOException {
        g.writeFieldName(field);
        refInArray(g, path, id, type);
    }

    /** Reused buffer for hrefs: avoids building a String per reference on hot paths. */
    private char[] href = new char[256];

    private void refInArray(JsonGenerator g, String path, String id, String type) throws IOException {
        g.writeStartObject();
        int n = base.length() + path.length() + id.length();
        if (n > href.length) {
            href = new char[n * 2];
        }
        base.getChars(0, base.length(), href, 0);
        path.getChars(0, path.length(), href, base.length());
        id.getChars(0, id.length(), href, base.length() + path.length());
        g.writeFieldName("href");
        g.writeString(href, 0, n);
        g.writeStringField("sourcedId", id);
        g.writeStringField("type", type);
        g.writeEndObject();
    }

    private void strings(JsonGenerator g, String field, String... values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private void bool(JsonGenerator g, String field, boolean value) throws IOException {
        if (v12) {
            g.writeBooleanField(field, value);
        } else {
            g.writeStringField(field, Boolean.toString(value));
        }
    }

    // ---------- orgs ----------

    private void org(JsonGenerator g, int i) throws IOException {
        head(g, Kind.ORG, i);
        if (i == 0) {
            g.writeStringField("name", d.districtName);
            g.writeStringField("type", "district");
            g.writeStringField("identifier", "D" + d.seed);
            g.writeArrayFieldStart("children");
            for (int s = 0; s < d.schools; s++) {
                refInArray(g, "/orgs/", r.schoolId(s), "org");
            }
            g.writeEndArray();
        } else {
            int s = i - 1;
            g.writeStringField("name", r.schoolName(s));
            g.writeStringField("type", "school");
            g.writeStringField("identifier", Integer.toString(100 + s + 1));
            ref(g, "parent", "/orgs/", r.orgId(0), "org");
            g.writeArrayFieldStart("children");
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    // ---------- academic sessions ----------

    private void session(JsonGenerator g, int i) throws IOException {
        head(g, Kind.SESSION, i);
        if (i == 0) {
            g.writeStringField("title", (d.schoolYear - 1) + "-" + d.schoolYear + " School Year");
            g.writeStringField("type", "schoolYear");
            g.writeStringField("startDate", d.yearStart.toString());
            g.writeStringField("endDate", d.yearEnd.toString());
            g.writeArrayFieldStart("children");
            refInArray(g, "/academicSessions/", r.sessionId(1), "academicSession");
            refInArray(g, "/academicSessions/", r.sessionId(2), "academicSession");
            g.writeEndArray();
        } else {
            int term = i - 1;
            g.writeStringField("title", (term == 0 ? "Fall " + (d.schoolYear - 1) : "Spring " + d.schoolYear) + " Semester");
            g.writeStringField("type", "term");
            g.writeStringField("startDate", d.termStart(term).toString());
            g.writeStringField("endDate", d.termEnd(term).toString());
            ref(g, "parent", "/academicSessions/", r.sessionId(0), "academicSession");
            g.writeArrayFieldStart("children");
            g.writeEndArray();
        }
        g.writeStringField("schoolYear", Integer.toString(d.schoolYear));
        g.writeEndObject();
    }

    // ---------- courses ----------

    private void course(JsonGenerator g, int c) throws IOException {
        head(g, Kind.COURSE, c);
        int school = r.courseSchool(o, c);
        g.writeStringField("title", r.courseTitle(o, c));
        ref(g, "schoolYear", "/academicSessions/", r.sessionId(0), "academicSession");
        g.writeStringField("courseCode", r.courseCode(o, c));
        strings(g, "grades", r.courseGrade(o, c));
        strings(g, "subjects", r.courseSubject(o, c));
        ref(g, "org", "/orgs/", r.schoolId(school), "org");
        g.writeEndObject();
    }

    // ---------- classes ----------

    private void clazz(JsonGenerator g, int c) throws IOException {
        head(g, Kind.CLASS, c);
        int slot = District.classSlot(c);
        int school = r.classSchool(c);
        g.writeStringField("title", r.classTitle(c));
        g.writeStringField("classCode", r.classCode(c));
        g.writeStringField("classType", "scheduled");
        g.writeStringField("location", "Room " + (100 + (c % 40)));
        strings(g, "grades", d.cohortGrade(District.classCohort(c)));
        strings(g, "subjects", District.SUBJECTS[District.slotSubject(slot)]);
        ref(g, "course", "/courses/", r.courseId(r.classCourse(o, c)), "course");
        ref(g, "school", "/orgs/", r.schoolId(school), "org");
        g.writeArrayFieldStart("terms");
        refInArray(g, "/academicSessions/", r.sessionId(1 + District.slotTerm(slot)), "academicSession");
        g.writeEndArray();
        strings(g, "periods", Integer.toString(District.slotSubject(slot) + 1));
        g.writeEndObject();
    }

    // ---------- users ----------

    private void user(JsonGenerator g, int u) throws IOException {
        head(g, Kind.USER, u);
        boolean teacher = r.isTeacherUser(u);
        String role = teacher ? "teacher" : "student";
        String school = r.schoolId(r.userSchool(u));
        String username = r.username(u);
        g.writeStringField("username", username);
        g.writeArrayFieldStart("userIds");
        g.writeStartObject();
        g.writeStringField("type", teacher ? "employeeId" : "studentNumber");
        g.writeStringField("identifier", r.userIdentifier(u));
        g.writeEndObject();
        g.writeEndArray();
        bool(g, "enabledUser", true);
        g.writeStringField("givenName", faults.name(r.givenName(u), false));
        g.writeStringField("familyName", faults.name(r.familyName(u), true));
        g.writeStringField("middleName", r.middleName(u));
        if (v12) {
            g.writeStringField("userMasterIdentifier", r.userIdentifier(u));
            g.writeArrayFieldStart("roles");
            g.writeStartObject();
            g.writeStringField("roleType", "primary");
            g.writeStringField("role", role);
            ref(g, "org", "/orgs/", school, "org");
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("userProfiles");
            g.writeStartObject();
            g.writeStringField("profileId", "prof-" + r.userId(u));
            g.writeStringField("profileType", "sso");
            g.writeStringField("vendorId", "rosterline-sandbox");
            g.writeStringField("description", "Sandbox single sign-on account");
            g.writeArrayFieldStart("credentials");
            g.writeStartObject();
            g.writeStringField("type", "username");
            g.writeStringField("username", username);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            ref(g, "primaryOrg", "/orgs/", school, "org");
        } else {
            g.writeStringField("role", role);
        }
        g.writeStringField("identifier", r.userIdentifier(u));
        g.writeStringField("email", r.email(u));
        g.writeStringField("sms", "");
        g.writeStringField("phone", "");
        g.writeArrayFieldStart("agents");
        g.writeEndArray();
        if (!v12) {
            g.writeArrayFieldStart("orgs");
            refInArray(g, "/orgs/", school, "org");
            g.writeEndArray();
        }
        if (teacher) {
            g.writeArrayFieldStart("grades");
            g.writeEndArray();
        } else {
            strings(g, "grades", r.studentGrade(u));
        }
        g.writeEndObject();
    }

    // ---------- enrollments ----------

    private void enrollment(JsonGenerator g, int e) throws IOException {
        int user = r.enrollmentUser(o, e);
        int cls = r.enrollmentClass(o, e);
        long dropped = r.enrollmentDroppedAt(o, e, user, cls);
        g.writeStartObject();
        g.writeStringField("sourcedId", r.enrollmentId(e));
        g.writeStringField("status", dropped != 0 ? "tobedeleted" : "active");
        g.writeStringField("dateLastModified", r.iso(r.enrollmentModified(o, e, dropped)));
        int term = District.slotTerm(District.classSlot(cls));
        boolean teacher = r.enrollmentIsTeacher(e);
        ref(g, "user", "/users/", r.userId(user), "user");
        ref(g, "class", "/classes/", r.classId(cls), "class");
        ref(g, "school", "/orgs/", r.schoolId(r.classSchool(cls)), "org");
        g.writeStringField("role", teacher ? "teacher" : "student");
        bool(g, "primary", r.enrollmentIsPrimary(e));
        g.writeStringField("beginDate", d.termStart(term).toString());
        g.writeStringField("endDate", d.termEnd(term).toString());
        g.writeEndObject();
    }

    /**
     * Writes enrollments as {@link #enrollment} does, byte for byte, from precomputed fragments: the JSON generator's
     * per-character escaping of a dozen strings per record was most of the sandbox's cost on a million enrollments.
     * Ids, timestamps and dates are ASCII without anything to escape; the href base comes from the Host header and is
     * escaped once per request.
     */
    void enrollments(JsonBytes out, int[] indices, int count) throws IOException {
        byte[] base = JsonBytes.escaped(this.base);
        byte[] sourcedId = JsonBytes.fragment("{\"sourcedId\":\"");
        byte[] status = JsonBytes.fragment("\",\"status\":\"");
        byte[] modified = JsonBytes.fragment("\",\"dateLastModified\":\"");
        byte[] userHref = concat(JsonBytes.fragment("\",\"user\":{\"href\":\""), base, JsonBytes.fragment("/users/"));
        byte[] classHref = concat(JsonBytes.fragment("\",\"type\":\"user\"},\"class\":{\"href\":\""), base,
                JsonBytes.fragment("/classes/"));
        byte[] schoolHref = concat(JsonBytes.fragment("\",\"type\":\"class\"},\"school\":{\"href\":\""), base,
                JsonBytes.fragment("/orgs/"));
        byte[] refId = JsonBytes.fragment("\",\"sourcedId\":\"");
        byte[] role = JsonBytes.fragment("\",\"type\":\"org\"},\"role\":\"");
        byte[] primaryTrue = JsonBytes.fragment(v12 ? "\",\"primary\":true,\"beginDate\":\"" : "\",\"primary\":\"true\",\"beginDate\":\"");
        byte[] primaryFalse = JsonBytes.fragment(v12 ? "\",\"primary\":false,\"beginDate\":\"" : "\",\"primary\":\"false\",\"beginDate\":\"");
        byte[] endDate = JsonBytes.fragment("\",\"endDate\":\"");
        byte[] close = JsonBytes.fragment("\"}");
        byte[] active = JsonBytes.fragment("active");
        byte[] tobedeleted = JsonBytes.fragment("tobedeleted");
        byte[] student = JsonBytes.fragment("student");
        byte[] teacher = JsonBytes.fragment("teacher");
        byte[][] termStart = {JsonBytes.fragment(d.termStart(0).toString()), JsonBytes.fragment(d.termStart(1).toString())};
        byte[][] termEnd = {JsonBytes.fragment(d.termEnd(0).toString()), JsonBytes.fragment(d.termEnd(1).toString())};
        for (int k = 0; k < count; k++) {
            int e = indices[k];
            int user = r.enrollmentUser(o, e);
            int cls = r.enrollmentClass(o, e);
            long dropped = r.enrollmentDroppedAt(o, e, user, cls);
            int term = District.slotTerm(District.classSlot(cls));
            if (k > 0) {
                out.raw((byte) ',');
            }
            out.raw(sourcedId);
            r.writeEnrollmentId(out, e);
            out.raw(status);
            out.raw(dropped != 0 ? tobedeleted : active);
            out.raw(modified);
            out.text(r.iso(r.enrollmentModified(o, e, dropped)));
            out.raw(userHref);
            r.writeUserId(out, user);
            out.raw(refId);
            r.writeUserId(out, user);
            out.raw(classHref);
            r.writeClassId(out, cls);
            out.raw(refId);
            r.writeClassId(out, cls);
            int school = r.classSchool(cls);
            out.raw(schoolHref);
            r.writeSchoolId(out, school);
            out.raw(refId);
            r.writeSchoolId(out, school);
            out.raw(role);
            out.raw(r.enrollmentIsTeacher(e) ? teacher : student);
            out.raw(r.enrollmentIsPrimary(e) ? primaryTrue : primaryFalse);
            out.raw(termStart[term]);
            out.raw(endDate);
            out.raw(termEnd[term]);
            out.raw(close);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    // =====================================================================================
    // Field access for filters
    // =====================================================================================

    /** Reusable accessor: point it at a record, hand it to {@link Filter#matches}. */
    final class RecordFields implements Filter.Fields {
        Kind kind;
        int index;

        RecordFields at(Kind k, int i) {
            this.kind = k;
            this.index = i;
            return this;
        }

        @Override
        public Long millis(String field) {
            return "dateLastModified".equals(field) ? r.modified(o, kind, index) : null;
        }

        @Override
        public String get(String field) {
            int i = index;
            switch (field) {
                case "sourcedId":
                    return r.id(kind, i);
                case "status":
                    return r.droppedAt(o, kind, i) != 0 ? "tobedeleted" : "active";
                case "dateLastModified":
                    return r.iso(r.modified(o, kind, i));
                default:
                    break;
            }
            return switch (kind) {
                case ORG -> switch (field) {
                    case "name" -> i == 0 ? d.districtName : r.schoolName(i - 1);
                    case "type" -> i == 0 ? "district" : "school";
                    case "identifier" -> i == 0 ? "D" + d.seed : Integer.toString(100 + i);
                    case "parent.sourcedId" -> i == 0 ? "" : r.orgId(0);
                    default -> null;
                };
                case SESSION -> switch (field) {
                    case "type" -> i == 0 ? "schoolYear" : "term";
                    case "schoolYear" -> Integer.toString(d.schoolYear);
                    case "startDate" -> (i == 0 ? d.yearStart : d.termStart(i - 1)).toString();
                    case "endDate" -> (i == 0 ? d.yearEnd : d.termEnd(i - 1)).toString();
                    case "title" -> i == 0 ? (d.schoolYear - 1) + "-" + d.schoolYear + " School Year"
                            : (i == 1 ? "Fall " + (d.schoolYear - 1) : "Spring " + d.schoolYear) + " Semester";
                    default -> null;
                };
                case COURSE -> switch (field) {
                    case "title" -> r.courseTitle(o, i);
                    case "courseCode" -> r.courseCode(o, i);
                    case "grades" -> r.courseGrade(o, i);
                    case "subjects" -> r.courseSubject(o, i);
                    case "org.sourcedId" -> r.schoolId(r.courseSchool(o, i));
                    default -> null;
                };
                case CLASS -> switch (field) {
                    case "title" -> r.classTitle(i);
                    case "classCode" -> r.classCode(i);
                    case "classType" -> "scheduled";
                    case "grades" -> d.cohortGrade(District.classCohort(i));
                    case "subjects" -> District.SUBJECTS[District.slotSubject(District.classSlot(i))];
                    case "course.sourcedId" -> r.courseId(r.classCourse(o, i));
                    case "school.sourcedId" -> r.schoolId(r.classSchool(i));
                    case "terms.sourcedId" -> r.sessionId(1 + District.slotTerm(District.classSlot(i)));
                    default -> null;
                };
                case USER -> switch (field) {
                    case "role", "roles.role" -> r.isTeacherUser(i) ? "teacher" : "student";
                    case "username" -> r.username(i);
                    case "email" -> r.email(i);
                    case "givenName" -> r.givenName(i);
                    case "familyName" -> r.familyName(i);
                    case "identifier" -> r.userIdentifier(i);
                    case "enabledUser" -> "true";
                    case "grades" -> r.isTeacherUser(i) ? "" : r.studentGrade(i);
                    case "orgs.sourcedId", "primaryOrg.sourcedId" -> r.schoolId(r.userSchool(i));
                    default -> null;
                };
                case ENROLLMENT -> switch (field) {
                    case "role" -> r.enrollmentIsTeacher(i) ? "teacher" : "student";
                    case "primary" -> Boolean.toString(r.enrollmentIsPrimary(i));
                    case "user.sourcedId" -> r.userId(r.enrollmentUser(o, i));
                    case "class.sourcedId" -> r.classId(r.enrollmentClass(o, i));
                    case "school.sourcedId" -> r.schoolId(r.enrollmentSchool(o, i));
                    case "beginDate" -> d.termStart(District.slotTerm(District.classSlot(r.enrollmentClass(o, i)))).toString();
                    case "endDate" -> d.termEnd(District.slotTerm(District.classSlot(r.enrollmentClass(o, i)))).toString();
                    default -> null;
                };
            };
        }
    }

    /** True when {@code field} is something {@link RecordFields} knows for the kind. */
    boolean knowsField(Kind k, String field) {
        int probe = switch (k) {
            case ENROLLMENT -> firstExisting(k);
            case USER -> 0;
            default -> 0;
        };
        return new RecordFields().at(k, probe).get(field) != null;
    }

    private int firstExisting(Kind k) {
        int space = r.space(o, k);
        for (int i = 0; i < space; i++) {
            if (r.exists(o, k, i)) {
                return i;
            }
        }
        return 0;
    }
}
