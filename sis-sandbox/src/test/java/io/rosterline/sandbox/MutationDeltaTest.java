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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given a synced district, when the admin changes the roster, then a delta query sees exactly the changes. */
class MutationDeltaTest {

    static final String V11 = "/ims/oneroster/v1p1";
    static SandboxSis sis;
    static SisClient client;
    static String token;

    @BeforeAll
    static void start() {
        sis = SandboxSis.start(2400, 11);
        client = new SisClient(sis);
        token = client.token();
    }

    @AfterAll
    static void stop() {
        sis.stop();
    }

    @BeforeEach
    void reset() {
        assertEquals(200, client.postJson("/admin/reset", "").statusCode());
    }

    private int total(String pathAndQuery) {
        HttpResponse<String> r = client.bearer(token, pathAndQuery);
        assertEquals(200, r.statusCode(), r.body());
        return Integer.parseInt(r.headers().firstValue("X-Total-Count").orElseThrow());
    }

    private static String since(String iso) {
        return "filter=" + SisClient.q("dateLastModified>'" + iso + "'");
    }

    @Test
    void beforeAnyMutationTheDeltaSinceTheBaseTimestampIsEmpty() {
        assertEquals(0, total(V11 + "/users?" + since("2026-08-01T00:00:00.000Z")));
        assertEquals(sis.expectedSummary().get("users").total(), total(V11 + "/users?" + since("2026-07-31T23:59:59Z")));
    }

    @Test
    void whenStudentsAreDroppedThenTheDeltaHoldsThemAndTheirEnrollmentsAsToBeDeleted() {
        String syncedAt = "2026-09-01T00:00:00Z";
        HttpResponse<String> m = client.postJson("/admin/roster/mutations", "{\"dropStudentsPercent\": 10, \"at\": \"2026-10-01T12:00:00Z\"}");
        assertEquals(200, m.statusCode(), m.body());
        Map<String, Object> applied = Json.map(Json.list(Json.object(m.body()).get("applied")).get(0));
        int dropped = ((Long) applied.get("affected")).intValue();
        assertTrue(dropped > 150 && dropped < 330, "about 10% of 2400: " + dropped);

        List<Map<String, Object>> delta = Json.records(client.ok(token, V11 + "/users?limit=1000&" + since(syncedAt)), "users");
        assertEquals(dropped, delta.size());
        Set<String> droppedIds = new HashSet<>();
        for (Map<String, Object> u : delta) {
            assertEquals("tobedeleted", u.get("status"));
            assertEquals("2026-10-01T12:00:00.000Z", u.get("dateLastModified"));
            droppedIds.add((String) u.get("sourcedId"));
        }
        Summary s = sis.expectedSummary();
        assertEquals(dropped, s.get("students").tobedeleted());
        assertEquals(s.get("students").total() - dropped, total(V11 + "/students?filter=" + SisClient.q("status='active'")));

        List<Map<String, Object>> enrollmentDelta = Json.records(
                client.ok(token, V11 + "/enrollments?limit=5000&" + since(syncedAt)), "enrollments");
        assertEquals(s.get("enrollments").tobedeleted(), enrollmentDelta.size());
        assertTrue(enrollmentDelta.size() >= dropped * 6);
        for (Map<String, Object> e : enrollmentDelta) {
            assertEquals("tobedeleted", e.get("status"));
            assertTrue(droppedIds.contains((String) Json.map(e.get("user")).get("sourcedId")));
        }
    }

    @Test
    void whenEnrollmentsMoveThenTheyChangeClassAndShowInTheDelta() {
        String someEnrollments = client.ok(token, V11 + "/enrollments?limit=1");
        assertFalse(someEnrollments.isEmpty());
        HttpResponse<String> m = client.postJson("/admin/roster/mutations", "{\"moveEnrollments\": 25}");
        assertEquals(200, m.statusCode(), m.body());
        String at = (String) Json.map(Json.list(Json.object(m.body()).get("applied")).get(0)).get("dateLastModified");
        List<Map<String, Object>> delta = Json.records(
                client.ok(token, V11 + "/enrollments?limit=100&" + since("2026-08-02T00:00:00Z")), "enrollments");
        assertEquals(25, delta.size());
        for (Map<String, Object> e : delta) {
            assertEquals("active", e.get("status"));
            assertEquals(at, e.get("dateLastModified"));
            String cls = (String) Json.map(e.get("class")).get("sourcedId");
            String user = (String) Json.map(e.get("user")).get("sourcedId");
            // the moved student now shows on the new class roster
            List<Map<String, Object>> roster = Json.records(client.ok(token, V11 + "/classes/" + cls + "/students?limit=200"), "users");
            assertTrue(roster.stream().anyMatch(u -> user.equals(u.get("sourcedId"))), user + " on " + cls);
        }
        assertEquals(sis.expectedSummary().get("enrollments").total(), total(V11 + "/enrollments?limit=1"));
    }

    @Test
    void whenStudentsAreAddedThenTheyAndTheirEnrollmentsAppear() {
        Summary before = sis.expectedSummary();
        HttpResponse<String> m = client.postJson("/admin/roster/mutations", "{\"addStudents\": 40}");
        assertEquals(200, m.statusCode(), m.body());
        Summary after = sis.expectedSummary();
        assertEquals(before.get("students").total() + 40, after.get("students").total());
        List<Map<String, Object>> delta = Json.records(client.ok(token, V11 + "/users?limit=100&" + since("2026-08-02T00:00:00Z")), "users");
        assertEquals(40, delta.size());
        delta.forEach(u -> assertEquals("active", u.get("status")));
        int newEnrollments = after.get("enrollments").total() - before.get("enrollments").total();
        assertTrue(newEnrollments >= 240 && newEnrollments <= 320, "6-8 classes each: " + newEnrollments);
        assertEquals(newEnrollments, total(V11 + "/enrollments?" + since("2026-08-02T00:00:00Z")));
        String added = (String) delta.get(0).get("sourcedId");
        List<Map<String, Object>> classes = Json.records(client.ok(token, V11 + "/students/" + added + "/classes"), "classes");
        assertTrue(classes.size() >= 6);
        String cls = (String) classes.get(0).get("sourcedId");
        assertTrue(client.ok(token, V11 + "/classes/" + cls + "/students?limit=200").contains(added));
    }

    @Test
    void whenASchoolIsDroppedThenEverythingInItIsToBeDeleted() {
        Summary before = sis.expectedSummary();
        int schoolClasses = total(V11 + "/schools/sch-0002/classes");
        int schoolStudents = total(V11 + "/schools/sch-0002/students");
        HttpResponse<String> m = client.postJson("/admin/roster/mutations", "{\"dropSchool\": \"sch-0002\"}");
        assertEquals(200, m.statusCode(), m.body());
        Map<String, Object> school = Json.map(Json.object(client.ok(token, V11 + "/schools/sch-0002")).get("org"));
        assertEquals("tobedeleted", school.get("status"));
        Summary after = sis.expectedSummary();
        assertEquals(schoolClasses, after.get("classes").tobedeleted());
        assertEquals(schoolStudents, after.get("students").tobedeleted());
        assertEquals(before.get("classes").total(), after.get("classes").total());
        assertEquals(schoolClasses, total(V11 + "/classes?filter=" + SisClient.q("status='tobedeleted'")));
        assertEquals(after.get("enrollments").tobedeleted(), total(V11 + "/schools/sch-0002/enrollments?filter="
                + SisClient.q("status='tobedeleted'")));
    }

    @Test
    void resetRestoresTheGeneratedDistrict() {
        Summary original = sis.expectedSummary();
        client.postJson("/admin/roster/mutations", "[{\"dropStudentsPercent\": 5}, {\"addStudents\": 10}]");
        assertTrue(sis.expectedSummary().get("students").total() > original.get("students").total());
        client.postJson("/admin/reset", "");
        assertEquals(original.collections(), sis.expectedSummary().collections());
    }

    @Test
    void summaryEndpointMatchesTheProgrammaticSummary() {
        sis.roster().dropStudents(3, null);
        Map<String, Object> body = Json.object(client.get("/admin/expected/summary").body());
        Map<String, Object> students = Json.map(Json.map(body.get("collections")).get("students"));
        Summary s = sis.expectedSummary();
        assertEquals((long) s.get("students").tobedeleted(), students.get("tobedeleted"));
        assertEquals((long) s.get("students").active(), students.get("active"));
    }

    @Test
    void whenACourseIsAddedThenItIsListedEverywhereAndTheSourceCourseClassesMoveIntoIt() {
        String syncedAt = "2026-09-01T00:00:00Z";
        int coursesBefore = sis.expectedSummary().get("courses").total();
        Map<String, Object> from = Json.map(Json.object(client.ok(token, V11 + "/courses/crs-00005")).get("course"));
        String school = (String) Json.map(from.get("org")).get("sourcedId");
        int fromClasses = total(V11 + "/courses/crs-00005/classes");
        HttpResponse<String> m = client.postJson("/admin/roster/mutations", "{\"addCourse\": {\"from\": \"crs-00005\", "
                + "\"title\": \"Computer Science Grade 01\", \"courseCode\": \"CS-01\", \"subject\": \"Computer Science\"}, "
                + "\"at\": \"2026-10-01T12:00:00Z\"}");
        assertEquals(200, m.statusCode(), m.body());
        String added = String.format("crs-%05d", coursesBefore + 1);

        assertEquals(coursesBefore + 1, sis.expectedSummary().get("courses").total());
        List<Map<String, Object>> delta = Json.records(client.ok(token, V11 + "/courses?" + since(syncedAt)), "courses");
        assertEquals(1, delta.size());
        assertEquals(added, delta.get(0).get("sourcedId"));
        assertEquals("CS-01", delta.get(0).get("courseCode"));
        assertEquals(List.of("Computer Science"), delta.get(0).get("subjects"));
        assertEquals(school, Json.map(delta.get(0).get("org")).get("sourcedId"));
        assertTrue(client.ok(token, V11 + "/schools/" + school + "/courses?limit=500").contains(added));
        assertEquals(fromClasses, total(V11 + "/courses/" + added + "/classes"));
        assertEquals(0, total(V11 + "/courses/crs-00005/classes"));
        assertEquals(fromClasses, total(V11 + "/classes?" + since(syncedAt)));
        assertEquals(fromClasses, total(V11 + "/classes?filter=" + SisClient.q("course.sourcedId='" + added + "'")));
        Truth truth = sis.truth();
        assertEquals(fromClasses, truth.classes.stream().filter(k -> k.courseSourcedId().equals(added)).count());
        assertTrue(truth.courses.stream().anyMatch(c -> c.sourcedId().equals(added) && c.courseCode().equals("CS-01")));
        assertEquals(400, client.postJson("/admin/roster/mutations", "{\"addCourse\": {\"from\": \"crs-99999\", "
                + "\"title\": \"X\", \"courseCode\": \"X\"}}").statusCode());
    }

    @Test
    void badMutationsAreRejectedInPlainLanguage() {
        HttpResponse<String> r = client.postJson("/admin/roster/mutations", "{\"teleportStudents\": 3}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("unknown mutation"));
        assertEquals(404, client.postJson("/admin/roster/mutations", "{\"dropSchool\": \"sch-9999\"}").statusCode());
    }
}
