package io.rosterline.sis.powerschool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.sis.Leniency;
import io.rosterline.sis.LenientValues;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.SisException;
import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.auth.PercentEncoding;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.model.User;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * PowerSchool's own REST API (/ws/v1), mapped to the OneRoster-shaped model. OAuth 2 client credentials at
 * /oauth/access_token with Basic client auth. Lists page with page/pagesize; the matching /count endpoint tells how
 * many there are, and an empty page ends a list whose count is unknown.
 *
 * <p>PowerSchool ids are numbers unique per table only, so sourcedIds are prefixed with the table
 * (school-5, student-101, staff-7, section-300, course-20, term-2700). Student enrollments come from
 * section_enrollment; the section's lead teacher (staff_id) becomes a primary teacher enrollment and a co-teacher
 * (assigned_staff.co_teacher_staff_id) a non-primary one. Students are asked for with the school_enrollment and
 * contact_info expansions (grade level, email), staff with emails: PowerSchool leaves expanded parts out unless asked.
 * PowerSchool JSON
 * comes from XML: a list of one element arrives as an object, and an empty list as "" — both are handled.
 * PowerSchool lists carry no modification time, so every read is a full read.
 */
public final class PowerSchoolReader implements RosterReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** school_enrollment carries grade_level; contact_info carries the student's email. */
    static final String STUDENT_EXPANSIONS = "school_enrollment,contact_info";
    /** emails carries work_email. */
    static final String STAFF_EXPANSIONS = "emails";

    private final String base;
    private final Authenticator auth;
    private final int pageSize;
    private final SisHttp http;

    public PowerSchoolReader(URI baseUrl, Authenticator auth, int pageSize, HttpSettings settings) {
        String b = baseUrl.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.auth = auth;
        this.pageSize = pageSize;
        this.http = new SisHttp(settings, "The PowerSchool server");
    }

    @Override
    public void read(RosterCollection collection, Instant since, Consumer<? super RosterRecord> consumer, ReadReport report) {
        if (since != null && collection == RosterCollection.ORGS) {
            report.warn(Leniency.FILE_QUIRK, "powerschool", "PowerSchool lists have no change dates; read in full");
        }
        LenientValues values = new LenientValues(report);
        List<JsonNode> schools = schools();
        switch (collection) {
            case ORGS -> schools.forEach(s -> emit(consumer, report, new Org("school-" + text(s, "id"), Status.ACTIVE,
                    null, text(s, "name"), "school", text(s, "school_number"), null)));
            case ACADEMIC_SESSIONS -> {
                // A term id (yearid * 100 + n) is the same at every school, and sections refer to it by that id:
                // each term is emitted once, with the dates of the first school that lists it.
                Set<String> termsSeen = new HashSet<>();
                eachSchool(schools, "term", "terms", "term", report, t -> {
                    if (termsSeen.add(text(t, "id"))) {
                        emit(consumer, report, new AcademicSession("term-" + text(t, "id"), Status.ACTIVE, null,
                                text(t, "name"), "1".equals(text(t, "portion")) ? "schoolYear" : "term",
                                values.date(text(t, "start_date"), "term " + text(t, "id")),
                                values.date(text(t, "end_date"), "term " + text(t, "id")), null,
                                schoolYear(text(t, "end_date"))));
                    }
                });
            }
            case COURSES -> {
                for (JsonNode school : schools) {
                    String schoolId = "school-" + text(school, "id");
                    list("/ws/v1/school/" + text(school, "id") + "/course", "courses", "course", report, c -> emit(consumer,
                            report, new Course("course-" + text(c, "id"), Status.ACTIVE, null, text(c, "course_name"),
                                    text(c, "course_number"), List.of(), List.of(), schoolId, null)));
                }
            }
            case CLASSES -> eachSchool(schools, "section", "sections", "section", report, s -> emit(consumer, report,
                    new RosterClass("section-" + text(s, "id"), Status.ACTIVE, null,
                            text(s, "section_number") == null ? "Section " + text(s, "id") : "Section " + text(s, "section_number"),
                            text(s, "section_number"), "scheduled", null, List.of(), List.of(),
                            "course-" + text(s, "course_id"), "school-" + text(s, "school_id"),
                            text(s, "term_id") == null ? List.of() : List.of("term-" + text(s, "term_id")),
                            text(s, "expression") == null ? List.of() : List.of(text(s, "expression")))));
            case USERS -> readUsers(schools, consumer, report);
            case ENROLLMENTS -> readEnrollments(schools, consumer, report, values);
        }
    }

    private void readUsers(List<JsonNode> schools, Consumer<? super RosterRecord> consumer, ReadReport report) {
        for (JsonNode school : schools) {
            String schoolId = "school-" + text(school, "id");
            // PowerSchool leaves the grade level and the email out unless they are asked for as expansions.
            list("/ws/v1/school/" + text(school, "id") + "/student", STUDENT_EXPANSIONS, "students", "student", report, st -> {
                JsonNode name = st.path("name");
                String grade = oneRosterGrade(text(st.path("school_enrollment"), "grade_level"));
                emit(consumer, report, new User("student-" + text(st, "id"), Status.ACTIVE, null, Boolean.TRUE,
                        text(st, "student_username"), List.of(), text(name, "first_name"), text(name, "last_name"),
                        text(name, "middle_name"), text(st, "local_id"), text(st.path("contact_info"), "email"),
                        Role.STUDENT, List.of(), List.of(schoolId), List.of(), grade == null ? List.of() : List.of(grade),
                        List.of()));
            });
        }
        // Staff work at several schools and appear in each school's list; emit each person once.
        Set<String> staffSeen = new HashSet<>();
        for (JsonNode school : schools) {
            String schoolId = "school-" + text(school, "id");
            list("/ws/v1/school/" + text(school, "id") + "/staff", STAFF_EXPANSIONS, "staffs", "staff", report, sf -> {
                if (!staffSeen.add(text(sf, "id"))) {
                    return;
                }
                JsonNode name = sf.path("name");
                String username = text(sf, "teacher_username") != null ? text(sf, "teacher_username") : text(sf, "admin_username");
                emit(consumer, report, new User("staff-" + text(sf, "id"), Status.ACTIVE, null, Boolean.TRUE, username,
                        List.of(), text(name, "first_name"), text(name, "last_name"), text(name, "middle_name"),
                        text(sf, "local_id"), text(sf.path("emails"), "work_email"), Role.TEACHER, List.of(),
                        List.of(schoolId), List.of(), List.of(), List.of()));
            });
        }
    }

    private void readEnrollments(List<JsonNode> schools, Consumer<? super RosterRecord> consumer, ReadReport report,
                                 LenientValues values) {
        for (JsonNode school : schools) {
            String schoolId = "school-" + text(school, "id");
            // Sections are collected per school (ids only) so that section_enrollment requests do not nest pages.
            List<String[]> sections = new ArrayList<>();
            list("/ws/v1/school/" + text(school, "id") + "/section", "sections", "section", report,
                    s -> sections.add(new String[]{text(s, "id"), text(s, "staff_id"),
                            text(s.path("assigned_staff"), "co_teacher_staff_id")}));
            for (String[] section : sections) {
                String classId = "section-" + section[0];
                if (section[1] != null && !section[1].equals("0")) {
                    emit(consumer, report, new Enrollment(classId + "-staff-" + section[1], Status.ACTIVE, null, classId,
                            schoolId, "staff-" + section[1], Role.TEACHER, Boolean.TRUE, null, null));
                }
                // A co-teacher teaches the class too (not its lead): a teacher enrollment with primary false.
                if (section[2] != null && !section[2].equals("0") && !section[2].equals(section[1])) {
                    emit(consumer, report, new Enrollment(classId + "-staff-" + section[2], Status.ACTIVE, null, classId,
                            schoolId, "staff-" + section[2], Role.TEACHER, Boolean.FALSE, null, null));
                }
                list("/ws/v1/section/" + section[0] + "/section_enrollment", "section_enrollments", "section_enrollment",
                        report, e -> {
                            String where = "section_enrollment " + text(e, "id");
                            Boolean dropped = values.bool(text(e, "dropped"), "dropped", where);
                            emit(consumer, report, new Enrollment("section-enrollment-" + text(e, "id"),
                                    Boolean.TRUE.equals(dropped) ? Status.TOBEDELETED : Status.ACTIVE, null, classId,
                                    schoolId, "student-" + text(e, "student_id"), Role.STUDENT, Boolean.FALSE,
                                    values.date(text(e, "entry_date"), where), values.date(text(e, "exit_date"), where)));
                        });
            }
        }
    }

    /** PowerSchool grade levels are numbers (0 kindergarten, negative pre-K); OneRoster uses CEDS codes. */
    static String oneRosterGrade(String gradeLevel) {
        if (gradeLevel == null) {
            return null;
        }
        try {
            int g = Integer.parseInt(gradeLevel.trim());
            if (g < 0) {
                return "PK";
            }
            return g == 0 ? "KG" : (g < 10 ? "0" + g : Integer.toString(g));
        } catch (NumberFormatException notANumber) {
            return gradeLevel;
        }
    }

    private static String schoolYear(String endDate) {
        return endDate != null && endDate.length() >= 4 ? endDate.substring(0, 4) : null;
    }

    private static void emit(Consumer<? super RosterRecord> consumer, ReadReport report, RosterRecord record) {
        consumer.accept(record);
        report.counted(record.collection());
    }

    private List<JsonNode> schools() {
        List<JsonNode> schools = new ArrayList<>();
        list("/ws/v1/district/school", "schools", "school", new ReadReport(), schools::add);
        return schools;
    }

    private void eachSchool(List<JsonNode> schools, String resource, String outer, String inner, ReadReport report,
                            Consumer<JsonNode> each) {
        for (JsonNode school : schools) {
            list("/ws/v1/school/" + text(school, "id") + "/" + resource, outer, inner, report, each);
        }
    }

    private void list(String path, String outer, String inner, ReadReport report, Consumer<JsonNode> each) {
        list(path, null, outer, inner, report, each);
    }

    /**
     * Pages through one list: page=1.., pagesize; ends at the /count total or an empty page.
     *
     * @param expansions PowerSchool's optional parts of each record to include (comma-separated), or null
     */
    private void list(String path, String expansions, String outer, String inner, ReadReport report, Consumer<JsonNode> each) {
        long total = count(path);
        long seen = 0;
        String extra = expansions == null ? "" : "&expansions=" + PercentEncoding.encode(expansions);
        for (int page = 1; ; page++) {
            JsonNode root = get(URI.create(base + path + "?page=" + page + "&pagesize=" + pageSize + extra));
            JsonNode wrapper = root.get(outer);
            if (wrapper == null) {
                throw new SisException.NotOneRoster("The PowerSchool server answered " + path + " with HTTP 200 but without '"
                        + outer + "'. The base URL may not be a PowerSchool server.");
            }
            JsonNode items = wrapper.isObject() ? wrapper.get(inner) : null;
            int n = 0;
            if (items != null && items.isArray()) {
                for (JsonNode item : items) {
                    each.accept(item);
                    n++;
                }
            } else if (items != null && items.isObject()) {
                each.accept(items);
                n = 1;
            }
            seen += n;
            if (n == 0 || (total >= 0 && seen >= total)) {
                return;
            }
        }
    }

    /** The size of a list from its /count endpoint, or -1 when the server has none. */
    private long count(String path) {
        try {
            JsonNode root = get(URI.create(base + path + "/count"));
            JsonNode count = root.path("resource").path("count");
            return count.canConvertToLong() || count.isTextual() ? Long.parseLong(count.asText()) : -1;
        } catch (SisException.WrongBasePath | NumberFormatException noCount) {
            return -1;
        }
    }

    private JsonNode get(URI uri) {
        try (SisHttp.Response r = http.get(uri, auth, "application/json")) {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new SisException.NotOneRoster("The PowerSchool server answered " + uri.getRawPath() + " with something that is not JSON.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    @Override
    public List<Org> listSchools() {
        List<Org> out = new ArrayList<>();
        read(RosterCollection.ORGS, null, r -> out.add((Org) r), new ReadReport());
        return out;
    }

    @Override
    public List<Course> listCourses(Collection<String> schoolSourcedIds) {
        List<Course> out = new ArrayList<>();
        ReadReport report = new ReadReport();
        for (String school : schoolSourcedIds) {
            String id = school.startsWith("school-") ? school.substring("school-".length()) : school;
            list("/ws/v1/school/" + id + "/course", "courses", "course", report, c -> out.add(new Course(
                    "course-" + text(c, "id"), Status.ACTIVE, null, text(c, "course_name"), text(c, "course_number"),
                    List.of(), List.of(), "school-" + id, null)));
        }
        return out;
    }

    @Override
    public List<AcademicSession> listAcademicSessions() {
        List<AcademicSession> out = new ArrayList<>();
        read(RosterCollection.ACADEMIC_SESSIONS, null, r -> out.add((AcademicSession) r), new ReadReport());
        return out;
    }
}
