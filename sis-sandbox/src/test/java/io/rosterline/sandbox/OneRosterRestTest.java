package io.rosterline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given a 2000-student sandbox district, the OneRoster 1.1 / 1.2 REST API pages, links and nests as the spec says. */
class OneRosterRestTest {

    static final String V11 = "/ims/oneroster/v1p1";
    static SandboxSis sis;
    static SisClient client;
    static String token;

    @BeforeAll
    static void start() {
        sis = SandboxSis.start(2000, 42);
        client = new SisClient(sis);
        token = client.token();
    }

    @AfterAll
    static void stop() {
        sis.stop();
    }

    static String link(HttpResponse<String> r, String rel) {
        String header = r.headers().firstValue("Link").orElse("");
        Matcher m = Pattern.compile("<([^>]+)>; rel=\"" + rel + "\"").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void givenAnEnrollmentPageLargerThanTheBufferedSize_whenServed_thenItStreamsTheSameRecordsAsSmallerPages() {
        int big = OneRosterApi.BUFFERED_PAGE_RECORDS + 500;
        HttpResponse<String> streamed = client.bearer(token, V11 + "/enrollments?limit=" + big + "&offset=0");
        String half1 = client.ok(token, V11 + "/enrollments?limit=" + big / 2 + "&offset=0");
        String half2 = client.ok(token, V11 + "/enrollments?limit=" + big / 2 + "&offset=" + big / 2);

        assertEquals(200, streamed.statusCode());
        assertFalse(streamed.headers().firstValue("Content-Length").isPresent(), "a big page streams (chunked)");
        List<Object> all = Json.list(Json.object(streamed.body()).get("enrollments"));
        List<Object> halves = new ArrayList<>(Json.list(Json.object(half1).get("enrollments")));
        halves.addAll(Json.list(Json.object(half2).get("enrollments")));
        assertEquals(big, all.size());
        assertEquals(halves, all);
    }

    @Test
    void whenAClientPagesUsersThenHeadersCountAndLinkEveryRecordExactlyOnce() {
        Summary expected = sis.expectedSummary();
        int total = expected.get("users").total();
        HttpResponse<String> first = client.bearer(token, V11 + "/users?limit=500&offset=0");
        assertEquals(200, first.statusCode());
        assertEquals(Integer.toString(total), first.headers().firstValue("X-Total-Count").orElseThrow());
        String last = link(first, "last");
        assertNotNull(last, "Link rel=last");
        assertTrue(last.endsWith("offset=" + ((total - 1) / 500) * 500) || last.contains("offset=" + ((total - 1) / 500) * 500));

        Set<String> ids = new HashSet<>();
        String previous = "";
        String url = first.uri().toString();
        int pages = 0;
        while (url != null) {
            HttpResponse<String> page = client.bearer(token, url.substring(sis.baseUrl().length()));
            assertEquals(200, page.statusCode());
            for (Map<String, Object> u : Json.records(page.body(), "users")) {
                String id = (String) u.get("sourcedId");
                assertTrue(ids.add(id), "duplicate " + id);
                assertTrue(id.compareTo(previous) > 0, "sorted by sourcedId");
                previous = id;
            }
            url = link(page, "next");
            pages++;
        }
        assertEquals(total, ids.size());
        assertEquals((total + 499) / 500, pages);
    }

    @Test
    void whenOffsetIsPastTheEndThenThePageIsEmptyButTheTotalStays() {
        HttpResponse<String> r = client.bearer(token, V11 + "/orgs?limit=10&offset=100000");
        assertEquals(200, r.statusCode());
        assertEquals(0, Json.records(r.body(), "orgs").size());
        assertEquals(Integer.toString(sis.expectedSummary().get("orgs").total()), r.headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(null, link(r, "next"));
    }

    @Test
    void singleRecordsUseTheSingularEnvelope() {
        Map<String, Object> user = Json.map(Json.object(client.ok(token, V11 + "/users/stu-000001")).get("user"));
        assertEquals("stu-000001", user.get("sourcedId"));
        assertEquals("student", user.get("role"));
        assertEquals("true", user.get("enabledUser"));
        String email = (String) user.get("email");
        assertTrue(email.matches("[a-z]+\\.[a-z]+\\.1@sandbox\\.k12\\.example"), email);
        Map<String, Object> org = Json.map(Json.list(user.get("orgs")).get(0));
        assertEquals("org", org.get("type"));
        assertTrue(((String) org.get("href")).endsWith("/orgs/" + org.get("sourcedId")));

        Map<String, Object> cls = Json.map(Json.object(client.ok(token, V11 + "/classes/cls-000001")).get("class"));
        assertEquals("scheduled", cls.get("classType"));
        assertEquals("course", Json.map(cls.get("course")).get("type"));
        Map<String, Object> school = Json.map(Json.object(client.ok(token, V11 + "/schools/sch-0001")).get("org"));
        assertEquals("school", school.get("type"));
        Map<String, Object> term = Json.map(Json.object(client.ok(token, V11 + "/terms/as-2027-t1")).get("academicSession"));
        assertEquals("term", term.get("type"));
        assertEquals("2026-08-15", term.get("startDate"));
    }

    @Test
    void collectionsAndTheirSchoolNestingsAgreeWithTheSummary() {
        Summary s = sis.expectedSummary();
        String[][] top = {{"orgs", "orgs", "orgs"}, {"schools", "orgs", "schools"}, {"academicSessions", "academicSessions", "academicSessions"},
            {"terms", "academicSessions", "terms"}, {"courses", "courses", "courses"}, {"classes", "classes", "classes"},
            {"users", "users", "users"}, {"students", "users", "students"}, {"teachers", "users", "teachers"},
            {"enrollments", "enrollments", "enrollments"}};
        for (String[] t : top) {
            HttpResponse<String> r = client.bearer(token, V11 + "/" + t[0] + "?limit=1");
            assertEquals(Integer.toString(s.get(t[2]).total()), r.headers().firstValue("X-Total-Count").orElseThrow(), t[0]);
            assertEquals(Math.min(1, s.get(t[2]).total()), Json.records(r.body(), t[1]).size(), t[0]);
        }
        int classes = 0;
        int enrollments = 0;
        int students = 0;
        int teachers = 0;
        int courses = 0;
        for (Map<String, Object> school : Json.records(client.ok(token, V11 + "/schools?limit=1000"), "orgs")) {
            String id = (String) school.get("sourcedId");
            classes += count(V11 + "/schools/" + id + "/classes");
            enrollments += count(V11 + "/schools/" + id + "/enrollments");
            students += count(V11 + "/schools/" + id + "/students");
            teachers += count(V11 + "/schools/" + id + "/teachers");
            courses += count(V11 + "/schools/" + id + "/courses");
        }
        assertEquals(s.get("classes").total(), classes);
        assertEquals(s.get("enrollments").total(), enrollments);
        assertEquals(s.get("students").total(), students);
        assertEquals(s.get("teachers").total(), teachers);
        assertEquals(s.get("courses").total(), courses);
    }

    private int count(String path) {
        HttpResponse<String> r = client.bearer(token, path + (path.contains("?") ? "&" : "?") + "limit=1");
        assertEquals(200, r.statusCode(), path + " " + r.body());
        return Integer.parseInt(r.headers().firstValue("X-Total-Count").orElseThrow());
    }

    @Test
    void classRostersMatchTheEnrollmentsFilteredByClass() {
        String cls = "cls-000003";
        List<String> students = new ArrayList<>();
        for (Map<String, Object> u : Json.records(client.ok(token, V11 + "/classes/" + cls + "/students?limit=100"), "users")) {
            assertEquals("student", u.get("role"));
            students.add((String) u.get("sourcedId"));
        }
        List<String> viaFilter = new ArrayList<>();
        String filter = SisClient.q("class.sourcedId='" + cls + "' AND role='student'");
        for (Map<String, Object> e : Json.records(client.ok(token, V11 + "/enrollments?limit=100&filter=" + filter), "enrollments")) {
            viaFilter.add((String) Json.map(e.get("user")).get("sourcedId"));
        }
        assertFalse(students.isEmpty());
        assertEquals(viaFilter, students);
        List<Map<String, Object>> teachers = Json.records(client.ok(token, V11 + "/classes/" + cls + "/teachers"), "users");
        assertFalse(teachers.isEmpty());
        teachers.forEach(t -> assertEquals("teacher", t.get("role")));
        // the same roster through the school-scoped path
        String school = (String) Json.map(Json.map(Json.object(client.ok(token, V11 + "/classes/" + cls)).get("class")).get("school")).get("sourcedId");
        assertEquals(students.size(), count(V11 + "/schools/" + school + "/classes/" + cls + "/students"));
    }

    @Test
    void courseTermAndUserNestingsListTheRightClasses() {
        for (Map<String, Object> c : Json.records(client.ok(token, V11 + "/courses/crs-00001/classes?limit=100"), "classes")) {
            assertEquals("crs-00001", Json.map(c.get("course")).get("sourcedId"));
        }
        int term1 = count(V11 + "/terms/as-2027-t1/classes");
        int term2 = count(V11 + "/terms/as-2027-t2/classes");
        assertEquals(sis.expectedSummary().get("classes").total(), term1 + term2);
        List<Map<String, Object>> mine = Json.records(client.ok(token, V11 + "/students/stu-000001/classes"), "classes");
        assertTrue(mine.size() >= 6 && mine.size() <= 8, "6-8 classes per student, got " + mine.size());
        assertFalse(Json.records(client.ok(token, V11 + "/teachers/tch-00001/classes"), "classes").isEmpty());
    }

    @Test
    void filtersSelectRecordsAndUnknownFieldsAreRejected() {
        HttpResponse<String> teachers = client.bearer(token, V11 + "/users?limit=5&filter=" + SisClient.q("role='teacher'"));
        assertEquals(Integer.toString(sis.expectedSummary().get("teachers").total()), teachers.headers().firstValue("X-Total-Count").orElseThrow());
        Json.records(teachers.body(), "users").forEach(u -> assertEquals("teacher", u.get("role")));
        HttpResponse<String> bad = client.bearer(token, V11 + "/users?filter=" + SisClient.q("shoeSize='9'"));
        assertEquals(400, bad.statusCode());
        assertEquals("failure", Json.object(bad.body()).get("imsx_codeMajor"));
    }

    @Test
    void unknownPathsAndRecordsAnswer404WithAnImsxPayload() {
        HttpResponse<String> r = client.bearer(token, V11 + "/spaceships");
        assertEquals(404, r.statusCode());
        Map<String, Object> body = Json.object(r.body());
        assertEquals("failure", body.get("imsx_codeMajor"));
        assertEquals("error", body.get("imsx_severity"));
        HttpResponse<String> missing = client.bearer(token, V11 + "/users/stu-999999");
        assertEquals(404, missing.statusCode());
        assertEquals(404, client.get("/nothing/here").statusCode());
    }

    @Test
    void oneRoster12ServesTheSameDataWithRolesAndProfiles() {
        String v12 = "/ims/oneroster/rostering/v1p2";
        HttpResponse<String> r = client.bearer(token, v12 + "/users?limit=3");
        assertEquals(Integer.toString(sis.expectedSummary().get("users").total()), r.headers().firstValue("X-Total-Count").orElseThrow());
        Map<String, Object> user = Json.records(r.body(), "users").get(0);
        assertEquals(Boolean.TRUE, user.get("enabledUser"));
        Map<String, Object> role = Json.map(Json.list(user.get("roles")).get(0));
        assertEquals("primary", role.get("roleType"));
        assertEquals("student", role.get("role"));
        assertFalse(Json.list(user.get("userProfiles")).isEmpty());
        Map<String, Object> enrollment = Json.records(client.ok(token, v12 + "/enrollments?limit=1"), "enrollments").get(0);
        assertEquals(Boolean.FALSE, enrollment.get("primary"));
        assertEquals(Json.records(client.ok(token, V11 + "/enrollments?limit=1"), "enrollments").get(0).get("sourcedId"),
                enrollment.get("sourcedId"));
    }
}
