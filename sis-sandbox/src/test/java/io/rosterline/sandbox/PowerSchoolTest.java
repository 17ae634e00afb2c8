package io.rosterline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given a district, the PowerSchool-shaped API answers with PowerSchool's token, paging and JSON shapes. */
class PowerSchoolTest {

    static SandboxSis sis;
    static SisClient client;
    static String token;

    @BeforeAll
    static void start() {
        sis = SandboxSis.start(1300, 9);
        client = new SisClient(sis);
        token = client.powerSchoolToken();
    }

    @AfterAll
    static void stop() {
        sis.stop();
    }

    private long count(String path) {
        return (Long) Json.map(Json.object(client.ok(token, path)).get("resource")).get("count");
    }

    @Test
    void theTokenEndpointTakesBasicClientCredentials() {
        HttpResponse<String> r = client.postForm("/oauth/access_token", "grant_type=client_credentials", "sandbox-client", "sandbox-secret");
        assertEquals(200, r.statusCode());
        Map<String, Object> body = Json.object(r.body());
        assertEquals("Bearer", body.get("token_type"));
        assertEquals("3600", body.get("expires_in"));
        assertEquals(401, client.postForm("/oauth/access_token", "grant_type=client_credentials", "sandbox-client", "nope").statusCode());
        assertEquals(401, client.bearer(client.token(), "/ws/v1/district/school").statusCode());
    }

    @Test
    void schoolsAndTheirCountAgree() {
        Map<String, Object> schools = Json.map(Json.object(client.ok(token, "/ws/v1/district/school")).get("schools"));
        List<Object> list = Json.list(schools.get("school"));
        assertEquals(count("/ws/v1/district/school/count"), list.size());
        Map<String, Object> first = Json.map(list.get(0));
        assertEquals(1L, first.get("id"));
        assertEquals(0L, first.get("low_grade"));
        assertEquals(5L, first.get("high_grade"));
        assertTrue(first.containsKey("school_number"));
    }

    @Test
    void studentsPageByPageAndPagesizeAndCarryExpansions() {
        long total = count("/ws/v1/school/1/student/count");
        assertEquals(sis.config().students() / sis.roster().d.schools, total, 1.0);
        Set<Long> ids = new HashSet<>();
        int page = 1;
        while (true) {
            Map<String, Object> students = Json.map(Json.object(client.ok(token,
                    "/ws/v1/school/1/student?pagesize=100&page=" + page + "&expansions=school_enrollment,contact_info")).get("students"));
            Object s = students.get("student");
            if (s == null) {
                break;
            }
            List<Object> list = s instanceof List ? Json.list(s) : List.of(s);
            for (Object o : list) {
                Map<String, Object> st = Json.map(o);
                assertTrue(ids.add((Long) st.get("id")));
                assertEquals("A", Json.map(st.get("school_enrollment")).get("enroll_status"));
                assertTrue(((String) Json.map(st.get("contact_info")).get("email")).endsWith("@sandbox.k12.example"));
                assertTrue(Json.map(st.get("name")).containsKey("first_name"));
            }
            page++;
        }
        assertEquals(total, ids.size());
    }

    @Test
    void givenNoExpansionsAsked_thenStudentsAndStaffComeWithoutTheExpandedPartsLikePowerSchool() {
        for (Object o : Json.list(Json.map(Json.object(client.ok(token, "/ws/v1/school/1/student?pagesize=20"))
                .get("students")).get("student"))) {
            Map<String, Object> st = Json.map(o);
            assertTrue(st.containsKey("name") && st.containsKey("local_id"));
            assertFalse(st.containsKey("school_enrollment"), "grade level only with expansions=school_enrollment");
            assertFalse(st.containsKey("contact_info"), "email only with expansions=contact_info");
        }
        Map<String, Object> onlyEnrollment = Json.map(Json.list(Json.map(Json.object(client.ok(token,
                "/ws/v1/school/1/student?pagesize=2&expansions=school_enrollment")).get("students")).get("student")).get(0));
        assertTrue(onlyEnrollment.containsKey("school_enrollment"));
        assertFalse(onlyEnrollment.containsKey("contact_info"));
        for (Object o : Json.list(Json.map(Json.object(client.ok(token, "/ws/v1/school/1/staff?pagesize=5")).get("staffs"))
                .get("staff"))) {
            assertFalse(Json.map(o).containsKey("emails"), "work_email only with expansions=emails");
            assertFalse(Json.map(o).containsKey("school_affiliations"));
        }
    }

    @Test
    void aSingleRecordPageCarriesAnObjectLikePowerSchool() {
        Object staff = Json.map(Json.object(client.ok(token, "/ws/v1/school/1/staff?pagesize=1&expansions=emails")).get("staffs")).get("staff");
        assertTrue(staff instanceof Map, "single record as an object");
        assertTrue(((String) Json.map(Json.map(staff).get("emails")).get("work_email")).contains(".t"));
    }

    @Test
    void sectionsEnrollmentsCoursesAndTermsHaveTheirShapes() {
        List<Object> sections = Json.list(Json.map(Json.object(client.ok(token, "/ws/v1/school/1/section?pagesize=5")).get("sections")).get("section"));
        Map<String, Object> section = Json.map(sections.get(0));
        long sectionId = (Long) section.get("id");
        assertTrue(section.containsKey("staff_id") && section.containsKey("term_id") && section.containsKey("course_id"));
        List<Object> enrollments = Json.list(Json.map(Json.object(client.ok(token, "/ws/v1/section/" + sectionId + "/section_enrollment"))
                .get("section_enrollments")).get("section_enrollment"));
        String oneRoster = client.ok(client.token(), "/ims/oneroster/v1p1/classes/" + Roster.pad("cls-", sectionId, 6) + "/students?limit=100");
        assertEquals(Json.records(oneRoster, "users").size(), enrollments.size());
        Map<String, Object> e = Json.map(enrollments.get(0));
        assertEquals(sectionId, e.get("section_id"));
        assertEquals(Boolean.FALSE, e.get("dropped"));
        List<Object> courses = Json.list(Json.map(Json.object(client.ok(token, "/ws/v1/school/1/course")).get("courses")).get("course"));
        assertEquals(count("/ws/v1/school/1/course/count"), courses.size());
        assertTrue(Json.map(courses.get(0)).containsKey("course_number"));
        List<Object> terms = Json.list(Json.map(Json.object(client.ok(token, "/ws/v1/school/1/term")).get("terms")).get("term"));
        assertEquals(3, terms.size());
        assertEquals(3600L, Json.map(terms.get(0)).get("id"));
    }

    @Test
    void unknownSchoolsAnswer404() {
        assertEquals(404, client.bearer(token, "/ws/v1/school/9999/student").statusCode());
    }
}
