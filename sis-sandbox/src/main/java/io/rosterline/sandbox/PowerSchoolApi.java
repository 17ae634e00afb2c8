package io.rosterline.sandbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.rosterline.sandbox.Http.HttpError;
import io.rosterline.sandbox.Lister.Candidates;
import io.rosterline.sandbox.Roster.Overlay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * PowerSchool-shaped read endpoints (/ws/v1/...), same district as the OneRoster API.
 * Ids are PowerSchool-style integers (DCIDs): school = school index + 1, student = student index + 1,
 * staff = teacher index + 1, section = class index + 1, course = course index + 1,
 * section_enrollment = enrollment index + 1, terms 100 * (yearid) + 0/1/2 with yearid = schoolYear - 1991.
 *
 * <p>Like PowerSchool's JSON (converted from XML), a page with a single record carries it as an object
 * instead of a one-element array; an empty page carries no record field at all.
 * Paging: {@code page} (1-based) and {@code pagesize} (default 100); totals come from the /count endpoints.
 * To-be-deleted records are left out (PowerSchool has no tombstones), except section enrollments of dropped
 * students, which show {@code dropped: true}.
 */
final class PowerSchoolApi {

    static final int DEFAULT_PAGE_SIZE = 100;

    private final Roster roster;
    private final Faults faults;
    private final Lister lister;
    private final OneRosterApi oneRoster;

    PowerSchoolApi(Roster roster, Faults faults, Lister lister, OneRosterApi oneRoster) {
        this.roster = roster;
        this.faults = faults;
        this.lister = lister;
        this.oneRoster = oneRoster;
    }

    @FunctionalInterface
    private interface RecordWriter {
        void write(JsonGenerator g, int index) throws IOException;
    }

    private record Listing(String outer, String inner, String expansions, Candidates candidates, RecordWriter writer) {
    }

    int yearId() {
        return roster.d.schoolYear - 1991;
    }

    void handle(HttpExchange ex, String path, Faults.Decision fault) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            throw new HttpError(405, "unsupported_method", "the PowerSchool API of the sandbox is read-only");
        }
        Overlay o = roster.overlay();
        String[] s = path.substring("/ws/v1/".length()).split("/");
        Map<String, String> q = Http.query(ex);
        boolean count = s.length > 0 && "count".equals(s[s.length - 1]);
        if (count) {
            String[] shorter = new String[s.length - 1];
            System.arraycopy(s, 0, shorter, 0, shorter.length);
            s = shorter;
        }
        Listing listing = route(o, s, q);
        if (count) {
            if (faults.omitCountHeaders) {
                throw new HttpError(404, "unknownobject", "count endpoints are switched off (omitCountHeaders fault)");
            }
            int total = lister.total("ps" + path + "|" + o.version(), listing.candidates(), null);
            Http.json(ex, 200, g -> {
                g.writeStartObject();
                g.writeObjectFieldStart("resource");
                g.writeNumberField("count", total);
                g.writeEndObject();
                g.writeEndObject();
            });
            return;
        }
        page(ex, o, path, q, listing, fault);
    }

    private Listing route(Overlay o, String[] s, Map<String, String> q) {
        District d = roster.d;
        String expansions = q.getOrDefault("expansions", "");
        if (s.length == 2 && "district".equals(s[0]) && "school".equals(s[1])) {
            return new Listing("schools", "school", "acceptance, addresses, phones, principal",
                    Lister.range(0, d.schools, i -> o.schoolDroppedAt()[i] == 0), this::school);
        }
        if (s.length == 3 && "school".equals(s[0])) {
            int school = schoolId(o, s[1]);
            return switch (s[2]) {
                case "student" -> {
                    boolean enrollment = expansions.contains("school_enrollment");
                    boolean contact = expansions.contains("contact_info");
                    yield new Listing("students", "student",
                            "demographics, addresses, alerts, phones, school_enrollment, ethnicity_race, contact, contact_info, initial_enrollment, schedule_setup, fees, lunch",
                            Lister.where(oneRoster.schoolStudents(o, school), st -> roster.studentDroppedAt(o, st) == 0),
                            (g, st) -> student(g, o, st, enrollment, contact));
                }
                case "staff" -> new Listing("staffs", "staff", "phones, addresses, emails, school_affiliations",
                        Lister.range(d.teacherStart[school], d.teacherStart[school + 1], t -> true),
                        (g, t) -> staff(g, t, expansions.contains("emails"), expansions.contains("school_affiliations")));
                case "section" -> new Listing("sections", "section", "",
                        Lister.range(d.cohortStart[school] * District.SLOTS, d.cohortStart[school + 1] * District.SLOTS, c -> true),
                        (g, c) -> section(g, o, c));
                case "course" -> new Listing("courses", "course", "", oneRoster.schoolCourses(o, school),
                        (g, c) -> course(g, o, c));
                case "term" -> new Listing("terms", "term", "", Lister.range(0, 3, t -> true),
                        (g, t) -> term(g, school, t));
                default -> throw notFound(s);
            };
        }
        if (s.length == 3 && "section".equals(s[0]) && "section_enrollment".equals(s[2])) {
            int cls = sectionId(o, s[1]);
            return new Listing("section_enrollments", "section_enrollment", "",
                    Lister.where(oneRoster.classEnrollments(o, cls), e -> !roster.enrollmentIsTeacher(e)),
                    (g, e) -> sectionEnrollment(g, o, e));
        }
        throw notFound(s);
    }

    private static HttpError notFound(String[] s) {
        return new HttpError(404, "unknownobject", "no PowerSchool endpoint /ws/v1/" + String.join("/", s));
    }

    private int schoolId(Overlay o, String text) {
        int id = parseInt(text);
        if (id < 1 || id > roster.d.schools || o.schoolDroppedAt()[id - 1] != 0) {
            throw new HttpError(404, "unknownobject", "no school with id " + text);
        }
        return id - 1;
    }

    private int sectionId(Overlay o, String text) {
        int id = parseInt(text);
        if (id < 1 || id > roster.d.totalClasses || roster.classDroppedAt(o, id - 1) != 0) {
            throw new HttpError(404, "unknownobject", "no section with id " + text);
        }
        return id - 1;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void page(HttpExchange ex, Overlay o, String path, Map<String, String> q, Listing listing, Faults.Decision fault)
            throws IOException {
        int pageNo = Http.intParam(q, "page", 1, 1);
        int pageSize = Http.intParam(q, "pagesize", DEFAULT_PAGE_SIZE, 1);
        if (faults.maxLimit > 0) {
            pageSize = Math.min(pageSize, faults.maxLimit);
        }
        long offsetLong = (long) (pageNo - 1) * pageSize;
        int offset = (int) Math.min(Integer.MAX_VALUE, offsetLong);
        int take = fault.shortPage() ? Math.max(1, pageSize / 2) : pageSize;
        Candidates c = listing.candidates();
        String key = "ps" + path + "|" + q.getOrDefault("expansions", "") + "|" + o.version();
        int pos = lister.seek(key, offset, c, null);
        int size = c.size();
        // gather the page's indices first: the single-record-as-object quirk needs the count up front
        int[] all = new int[Math.min(take, 10_000)];
        int n = 0;
        for (; pos < size && n < take; pos++) {
            int i = c.at(pos);
            if (i >= 0) {
                if (n == all.length) {
                    all = java.util.Arrays.copyOf(all, all.length * 2);
                }
                all[n++] = i;
            }
        }
        lister.remember(key, offset + n, pos);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.max(1024, n * 256));
        try (JsonGenerator g = Http.JSON.createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart(listing.outer());
            if (!listing.expansions().isEmpty()) {
                g.writeStringField("@expansions", listing.expansions());
            }
            if (n == 1) {
                g.writeFieldName(listing.inner());
                listing.writer().write(g, all[0]);
            } else if (n > 1) {
                g.writeArrayFieldStart(listing.inner());
                for (int k = 0; k < n; k++) {
                    listing.writer().write(g, all[k]);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        if (fault.reset()) {
            OneRosterApi.cutShort(ex, buf.toByteArray());
            return;
        }
        Http.bytes(ex, 200, "application/json", buf.toByteArray());
    }

    // ---------- records ----------

    private static int gradeNumber(String grade) {
        return "KG".equals(grade) ? 0 : Integer.parseInt(grade);
    }

    private void school(JsonGenerator g, int s) throws IOException {
        String[] grades = roster.d.schoolGrades(s);
        g.writeStartObject();
        g.writeNumberField("id", s + 1);
        g.writeStringField("name", roster.schoolName(s));
        g.writeNumberField("school_number", 100 + s + 1);
        g.writeNumberField("low_grade", gradeNumber(grades[0]));
        g.writeNumberField("high_grade", gradeNumber(grades[grades.length - 1]));
        g.writeNumberField("alternate_school_number", 0);
        g.writeEndObject();
    }

    private void student(JsonGenerator g, Overlay o, int st, boolean enrollment, boolean contact) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", st + 1);
        g.writeNumberField("local_id", Long.parseLong(roster.userIdentifier(st)));
        g.writeStringField("student_username", roster.username(st));
        g.writeObjectFieldStart("name");
        g.writeStringField("first_name", roster.givenName(st));
        g.writeStringField("middle_name", roster.middleName(st));
        g.writeStringField("last_name", roster.familyName(st));
        g.writeEndObject();
        if (enrollment) {
            int school = roster.studentSchool(st);
            g.writeObjectFieldStart("school_enrollment");
            g.writeStringField("enroll_status", "A");
            g.writeStringField("enroll_status_description", "Active");
            g.writeNumberField("enroll_status_code", 0);
            g.writeNumberField("grade_level", gradeNumber(roster.studentGrade(st)));
            g.writeStringField("entry_date", roster.d.yearStart.toString());
            g.writeStringField("exit_date", roster.d.yearEnd.plusDays(1).toString());
            g.writeNumberField("school_number", 100 + school + 1);
            g.writeNumberField("school_id", school + 1);
            g.writeEndObject();
        }
        if (contact) {
            g.writeObjectFieldStart("contact_info");
            g.writeStringField("email", roster.email(st));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void staff(JsonGenerator g, int t, boolean emails, boolean affiliations) throws IOException {
        int u = roster.teacherUser(t);
        g.writeStartObject();
        g.writeNumberField("id", t + 1);
        g.writeNumberField("local_id", 100_000 + t + 1);
        g.writeStringField("admin_username", roster.username(u));
        g.writeStringField("teacher_username", roster.username(u));
        g.writeObjectFieldStart("name");
        g.writeStringField("first_name", roster.givenName(u));
        g.writeStringField("middle_name", roster.middleName(u));
        g.writeStringField("last_name", roster.familyName(u));
        g.writeEndObject();
        if (emails) {
            g.writeObjectFieldStart("emails");
            g.writeStringField("work_email", roster.email(u));
            g.writeEndObject();
        }
        if (affiliations) {
            g.writeObjectFieldStart("school_affiliations");
            g.writeObjectFieldStart("school_affiliation");
            g.writeNumberField("school_id", roster.d.schoolOfTeacher(t) + 1);
            g.writeNumberField("type", 1);
            g.writeNumberField("status", 1);
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void section(JsonGenerator g, Overlay o, int c) throws IOException {
        int slot = District.classSlot(c);
        int co = roster.d.classCoTeacher(c);
        g.writeStartObject();
        g.writeNumberField("id", c + 1);
        g.writeNumberField("school_id", roster.classSchool(c) + 1);
        g.writeNumberField("course_id", roster.classCourse(o, c) + 1);
        g.writeStringField("course_number", roster.courseCode(o, roster.classCourse(o, c)));
        g.writeNumberField("term_id", yearId() * 100 + 1 + District.slotTerm(slot));
        g.writeStringField("section_number", Integer.toString(roster.classSection(c)));
        String expression = (District.slotSubject(slot) + 1) + "(A)";
        g.writeStringField("expression", expression);
        g.writeStringField("external_expression", expression);
        g.writeNumberField("staff_id", roster.d.classTeacher(c) + 1);
        if (co >= 0) {
            g.writeObjectFieldStart("assigned_staff");
            g.writeNumberField("co_teacher_staff_id", co + 1);
            g.writeEndObject();
        }
        g.writeNumberField("gradebooktype", 2);
        g.writeEndObject();
    }

    private void course(JsonGenerator g, Overlay o, int c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", c + 1);
        g.writeStringField("course_number", roster.courseCode(o, c));
        g.writeStringField("course_name", roster.courseTitle(o, c));
        g.writeEndObject();
    }

    private void term(JsonGenerator g, int school, int t) throws IOException {
        District d = roster.d;
        g.writeStartObject();
        g.writeNumberField("id", yearId() * 100 + t);
        g.writeNumberField("local_id", yearId() * 100 + t);
        g.writeNumberField("school_id", school + 1);
        if (t == 0) {
            g.writeStringField("name", (d.schoolYear - 1) + "-" + d.schoolYear);
            g.writeStringField("abbreviation", (d.schoolYear - 1) % 100 + "-" + d.schoolYear % 100);
            g.writeStringField("start_date", d.yearStart.toString());
            g.writeStringField("end_date", d.yearEnd.toString());
            g.writeNumberField("portion", 1);
        } else {
            g.writeStringField("name", t == 1 ? "Semester 1" : "Semester 2");
            g.writeStringField("abbreviation", "S" + t);
            g.writeStringField("start_date", d.termStart(t - 1).toString());
            g.writeStringField("end_date", d.termEnd(t - 1).toString());
            g.writeNumberField("portion", 2);
        }
        g.writeEndObject();
    }

    private void sectionEnrollment(JsonGenerator g, Overlay o, int e) throws IOException {
        int cls = roster.enrollmentClass(o, e);
        int term = District.slotTerm(District.classSlot(cls));
        long dropped = roster.enrollmentDroppedAt(o, e);
        g.writeStartObject();
        g.writeNumberField("id", e + 1);
        g.writeNumberField("section_id", cls + 1);
        g.writeNumberField("student_id", roster.enrollmentUser(o, e) + 1);
        g.writeStringField("entry_date", roster.d.termStart(term).toString());
        g.writeStringField("exit_date", dropped != 0 ? roster.iso(dropped).substring(0, 10) : roster.d.termEnd(term).toString());
        g.writeBooleanField("dropped", dropped != 0);
        g.writeEndObject();
    }
}
