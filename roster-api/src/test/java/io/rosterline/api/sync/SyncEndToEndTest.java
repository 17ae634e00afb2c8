package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.support.SandboxSis;
import io.rosterline.api.support.Tokens;
import io.rosterline.api.sync.SyncFixture.Source;
import io.rosterline.sandbox.Truth;
import io.rosterline.sync.engine.SyncEngine;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline with the real worker engine against an embedded sandbox SIS, for every way a district's roster
 * arrives: OneRoster 1.1 REST with OAuth 2 and with OAuth 1.0a, OneRoster CSV uploaded with a real SFTP client, and
 * PowerSchool (and OneRoster 1.2 for the resync). Expected results come from the sandbox's own model.
 */
@QuarkusTest
class SyncEndToEndTest {

    @Inject
    io.rosterline.api.support.TestClock clock;
    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private SyncFixture fixture(Source source) {
        return new SyncFixture(db, api.toString(), 300, source);
    }

    private static String runs(UUID district) {
        return "/api/v1/districts/" + district + "/runs";
    }

    private static List<SyncEngine.Outcome> succeeded(List<SyncEngine.Outcome> outcomes) {
        assertEquals(1, outcomes.size(), "one run of the district");
        assertTrue(outcomes.get(0).succeeded(), () -> outcomes.get(0).error());
        return outcomes;
    }

    @ParameterizedTest
    @EnumSource(value = Source.class, names = {"ONEROSTER_OAUTH2", "ONEROSTER_OAUTH1", "CSV_SFTP", "POWERSCHOOL"})
    void given_a_connected_district_a_first_import_is_staged_reviewed_and_applied_within_the_seats(Source source) {
        try (SyncFixture f = fixture(source)) {
            SyncFixture.Expected truth = f.expected();
            int studentSeats = truth.students().size() - 7;
            f.licensed(1000, studentSeats);
            UUID district = f.district;
            String admin = f.admin;

            UUID run = f.request("MANUAL_IMPORT");
            succeeded(f.runWorker());

            // Review: counts, classes, one class's roster, the plan. Nothing is applied yet.
            Response staged = as(admin).get(runs(district) + "/" + run);
            staged.then().statusCode(200)
                    .body("status", equalTo("STAGED"))
                    .body("counts.classes.added", equalTo(truth.classes().size()))
                    .body("counts.enrollments.added", equalTo((int) truth.enrollments()))
                    .body("counts.users.added", equalTo(truth.people().size()))
                    .body("counts.users.removed", equalTo(0));
            if (source == Source.CSV_SFTP) {
                String newestUpload = as(admin).get("/api/v1/districts/" + district + "/uploads?size=1").path("items[0].id");
                assertEquals(newestUpload, staged.path("sourceUploadId"), "the run records the upload it read");
            } else {
                assertEquals((Object) null, staged.path("sourceUploadId"));
            }
            assertEquals(0, f.count("SELECT count(*) FROM account WHERE district_id = ?", district));
            as(admin).get(runs(district) + "/" + run + "/staged").then().statusCode(200)
                    .body("counts.courses.added", equalTo(f.courses.size()));
            Response classes = as(admin).get(runs(district) + "/" + run + "/classes?size=5");
            classes.then().statusCode(200).body("total", equalTo(truth.classes().size())).body("items[0].change", equalTo("ADDED"));
            String firstClass = classes.path("items[0].sourcedId");
            int students = classes.path("items[0].students");
            as(admin).get(runs(district) + "/" + run + "/classes/" + firstClass + "/roster").then().statusCode(200)
                    .body("[0].role", equalTo("teacher"))
                    .body("findAll { it.role == 'student' }.size()", equalTo(students));
            as(admin).get(runs(district) + "/" + run + "/classes/no-such-class/roster").then().statusCode(404);

            Response plan = as(admin).get(runs(district) + "/" + run + "/plan?limit=1000");
            plan.then().statusCode(200);
            Map<String, Object> studentLine = productLine(plan, f.studentProduct);
            assertEquals(truth.students().size(), ((Number) studentLine.get("needed")).intValue());
            assertEquals(studentSeats, ((Number) studentLine.get("seatsAvailable")).intValue());
            assertEquals(studentSeats, ((Number) studentLine.get("gains")).intValue());
            assertEquals(7, ((Number) studentLine.get("unseated")).intValue());
            assertEquals(7, plan.<Integer>path("unseatedTotal"));
            assertEquals(0, f.count("SELECT count(*) FROM license_assignment WHERE district_id = ?", district), "the plan changes nothing");
            assertEquals("NEEDS_ATTENTION", step(f, "STAGED_REVIEW"));
            as(admin).post(runs(district) + "/" + run + "/review").then().statusCode(200)
                    .body("status", equalTo("STAGED")).body("reviewedAt", notNullValue());
            assertEquals("DONE", step(f, "STAGED_REVIEW"));

            // Sync Licenses: applied in one go, the seat cap holds, the plan's winners are the holders.
            as(admin).post(runs(district) + "/" + run + "/apply").then().statusCode(200).body("status", equalTo("APPLIED"));
            assertEquals(truth.activePeople().size(), f.count("SELECT count(*) FROM account WHERE district_id = ? AND active", district));
            assertEquals(truth.activePeople().size(), f.count("SELECT count(*) FROM account WHERE district_id = ? AND match_reason = 'NEW'", district));
            Set<String> studentHolders = f.holders(f.studentProduct, "ROSTERED");
            assertEquals(studentSeats, studentHolders.size());
            assertTrue(truth.students().containsAll(studentHolders));
            Set<String> plannedWinners = new HashSet<>(plan.<List<String>>path("gains.findAll { it.sku.contains('STUDENT') }.sourcedId"));
            assertEquals(plannedWinners, studentHolders);
            assertEquals(truth.teachers(), f.holders(f.teacherProduct, "ROSTERED"));
            as(admin).post(runs(district) + "/" + run + "/apply").then().statusCode(409);
            as(admin).get(runs(district)).then().statusCode(200).body("total", equalTo(1))
                    .body("items[0].applyReport.unseatedTotal", equalTo(7))
                    .body("items[0].progress.phase", equalTo("complete"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Source.class, names = {"ONEROSTER_OAUTH2", "ONEROSTER_OAUTH1", "CSV_SFTP", "POWERSCHOOL"})
    void given_a_live_district_when_the_sis_changes_then_the_nightly_run_reflects_it_exactly_in_accounts_and_licenses(Source source) {
        try (SyncFixture f = fixture(source)) {
            SyncFixture.Expected before = f.expected();
            f.licensed(before.teachers().size() + 5, before.students().size());
            UUID district = f.district;
            String admin = f.admin;
            String base = "/api/v1/districts/" + district;

            // The reviewed first import is applied.
            UUID first = f.request("MANUAL_IMPORT");
            succeeded(f.runWorker());
            as(admin).post(runs(district) + "/" + first + "/review").then().statusCode(200);
            as(admin).post(runs(district) + "/" + first + "/apply").then().statusCode(200).body("status", equalTo("APPLIED"));
            assertEquals(before.students(), f.holders(f.studentProduct, "ROSTERED"));
            assertEquals(before.teachers(), f.holders(f.teacherProduct, "ROSTERED"));

            // Sticky licenses, given through the API: a rostered teacher, and a coach who is not in the roster.
            Map<String, Object> teacher = as(admin).get(base + "/sticky-licenses/rostered-staff?size=1").then().statusCode(200)
                    .extract().path("items[0]");
            String stickyTeacher = (String) teacher.get("sourcedId");
            as(admin).body(Map.of("accountId", teacher.get("id"), "productIds", List.of(f.teacherProduct), "note", "Math coach"))
                    .post(base + "/sticky-licenses").then().statusCode(201).body("[0].account.sourcedId", equalTo(stickyTeacher));
            String coachAccount = as(admin).body(Map.of("account", Map.of("givenName", "Tess", "familyName", "Tutor",
                            "email", "tess.tutor@tutoring.example", "login", "ttutor"), "productIds", List.of(f.teacherProduct)))
                    .post(base + "/sticky-licenses").then().statusCode(201).extract().path("[0].account.id");

            // The SIS changes (its own admin API): students dropped, enrollments moved, students added; CSV re-uploads.
            SandboxSis.mutate(f.sis, "[{\"dropStudentsPercent\": 4}, {\"moveEnrollments\": 15}, {\"addStudents\": 20}]");
            f.publish();
            SyncFixture.Expected after = f.expected();
            Set<String> added = new HashSet<>(after.students());
            added.removeAll(before.students());
            Set<String> dropped = new HashSet<>(before.students());
            dropped.removeAll(after.students());
            assertFalse(added.isEmpty() || dropped.isEmpty(), "the sandbox added and dropped selected students");
            // The pool was sized for the first roster; the SIS now has more students than seats: the cap must hold.
            int seats = before.students().size();
            int unseated = after.students().size() - seats;
            assertTrue(unseated > 0, "more students than seats now: " + after.students().size() + " for " + seats);
            // The district allows a run to remove up to a quarter of its records before it is held for review.
            allowRemovals(f, 25);

            // The district goes live through the API, with a window that crosses midnight; nothing runs before it opens.
            as(admin).body(Map.of("mode", "LIVE", "timezone", "America/Los_Angeles", "nightlyWindow", Map.of("start", "23:00", "end", "02:00")))
                    .put(base + "/schedule").then().statusCode(200).body("mode", equalTo("LIVE"));
            clock.setTo(Instant.parse("2026-11-25T04:00:00Z")); // 20:00 in Los Angeles
            assertTrue(f.runWorker().isEmpty(), "no nightly run before the window opens");
            clock.setTo(Instant.parse("2026-11-25T09:30:00Z")); // 01:30, inside the window of the 24th
            List<SyncEngine.Outcome> nightly = succeeded(f.runWorker());
            assertEquals("NIGHTLY", nightly.get(0).claim().kind());
            clock.setTo(Instant.parse("2026-11-25T09:50:00Z"));
            assertTrue(f.runWorker().isEmpty(), "one nightly run per window");

            as(admin).get(runs(district) + "/" + nightly.get(0).claim().runId()).then().statusCode(200)
                    .body("status", equalTo("APPLIED")).body("trigger", equalTo("SCHEDULE"))
                    .body("applyReport.unseatedTotal", equalTo(unseated));
            Set<String> rostered = f.holders(f.studentProduct, "ROSTERED");
            assertEquals(seats, rostered.size(), "the seat cap holds");
            assertTrue(after.students().containsAll(rostered), "only the SIS's active students hold a rostered student license");
            Set<String> stayed = new HashSet<>(before.students());
            stayed.retainAll(after.students());
            assertTrue(rostered.containsAll(stayed), "students who held a seat keep it; only newcomers can miss out");
            Set<String> expectedTeachers = new HashSet<>(after.teachers());
            expectedTeachers.remove(stickyTeacher);
            assertEquals(expectedTeachers, f.holders(f.teacherProduct, "ROSTERED"));
            assertEquals(Set.of(stickyTeacher), f.strings("SELECT a.sourced_id FROM license_assignment la JOIN account a ON a.id = la.account_id "
                    + "WHERE la.district_id = ? AND la.source = 'STICKY' AND a.sourced_id IS NOT NULL", district), "the sticky licenses survive");
            assertEquals(1, f.count("SELECT count(*) FROM license_assignment WHERE account_id = ?::uuid AND source = 'STICKY'", coachAccount));
            for (String gone : dropped) {
                if (!after.activePeople().contains(gone)) {
                    assertEquals(0, f.count("SELECT count(*) FROM account WHERE district_id = ? AND sourced_id = ? AND active", district, gone));
                }
            }
            assertEquals(after.activePeople().size(), f.count("SELECT count(*) FROM account WHERE district_id = ? AND active AND origin = 'ROSTERED'", district));
            assertEquals(f.count("SELECT count(DISTINCT sourced_id) FROM account WHERE district_id = ? AND sourced_id IS NOT NULL", district),
                    f.count("SELECT count(*) FROM account WHERE district_id = ? AND sourced_id IS NOT NULL", district), "never duplicated");
            assertEquals(after.enrollments(),
                    f.count("SELECT count(*) FROM roster_enrollment WHERE district_id = ?", district), "the roster holds exactly the source's enrollments");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Source.class, names = {"ONEROSTER_OAUTH2", "CSV_SFTP", "POWERSCHOOL"})
    void given_course_rules_when_the_sis_adds_courses_then_include_rules_sync_them_and_exclude_rules_keep_them_out(Source source) {
        try (SyncFixture f = fixture(source)) {
            f.licensed(1000, 1000);
            String admin = f.admin;
            String base = "/api/v1/districts/" + f.district;
            as(admin).body(Map.of("matchField", "TITLE", "pattern", "*Honors*", "effect", "EXCLUDE")).post(base + "/course-rules")
                    .then().statusCode(201);
            f.request("SYNC_LICENSES");
            succeeded(f.runWorker());

            // Excluding a whole grade's math sections removes far more than the default hold threshold allows.
            allowRemovals(f, 60);
            // The SIS adds two courses (its own admin API): Statistics takes over the grade 9 science sections, a Math
            // Honors course takes over the grade 10 math sections. Both codes match the MATH-* rule; Honors is excluded.
            Truth truth = f.sis.truth();
            String science9 = courseWithCode(truth, "SCI-09").sourcedId();
            String math10 = courseWithCode(truth, "MATH-10").sourcedId();
            SandboxSis.mutate(f.sis, "[{\"addCourse\": {\"from\": \"" + science9 + "\", \"title\": \"Statistics Grade 09\", "
                    + "\"courseCode\": \"MATH-STAT-09\", \"subject\": \"Mathematics\"}}, {\"addCourse\": {\"from\": \"" + math10
                    + "\", \"title\": \"Mathematics Honors Grade 10\", \"courseCode\": \"MATH-H-10\"}}]");
            f.publish();
            truth = f.sis.truth();
            Truth.Course statistics = courseWithCode(truth, "MATH-STAT-09");
            Truth.Course honors = courseWithCode(truth, "MATH-H-10");
            f.request("SYNC_LICENSES");
            succeeded(f.runWorker());

            // The course list now has both, decided by the rules; only Statistics' sections are in the roster.
            as(admin).get(base + "/courses/" + source.id(statistics.sourcedId())).then().statusCode(200)
                    .body("effectivelyIncluded", equalTo(true)).body("reason", equalTo("INCLUDED_BY_RULE"));
            as(admin).get(base + "/courses/" + source.id(honors.sourcedId())).then().statusCode(200)
                    .body("effectivelyIncluded", equalTo(false)).body("reason", equalTo("EXCLUDED_BY_RULE"));
            assertEquals(sections(f, truth, statistics), f.strings("SELECT sourced_id FROM roster_class WHERE district_id = ? "
                    + "AND course_sourced_id = ?", f.district, source.id(statistics.sourcedId())));
            Set<String> honorsSections = sections(f, truth, honors);
            assertFalse(honorsSections.isEmpty());
            Set<String> inRoster = f.strings("SELECT sourced_id FROM roster_class WHERE district_id = ?", f.district);
            inRoster.retainAll(honorsSections);
            assertEquals(Set.of(), inRoster, "the excluded course's sections left the roster");
            // Licenses follow: grade 10 math students lost theirs; Statistics has no license yet, and the checklist says so.
            Set<String> mapped = new HashSet<>(f.courses);
            assertEquals(f.expected(c -> mapped.contains(source.id(c.sourcedId())) && !c.title().contains("Honors")).students(),
                    f.holders(f.studentProduct, "ROSTERED"));
            as(admin).get(base + "/checklist").then().statusCode(200)
                    .body("steps.find { it.key == 'LICENSES' }.state", equalTo("NEEDS_ATTENTION"))
                    .body("steps.find { it.key == 'LICENSES' }.summary", containsString("Statistics Grade 09"));

            // Once the admin maps Statistics, its teachers and students hold the editions too.
            f.mapCourses(Set.of(source.id(statistics.sourcedId())));
            f.request("SYNC_LICENSES");
            succeeded(f.runWorker());
            SyncFixture.Expected now = f.expected(c -> c.courseCode().startsWith("MATH-") && !c.title().contains("Honors"));
            assertEquals(now.students(), f.holders(f.studentProduct, "ROSTERED"));
            assertEquals(now.teachers(), f.holders(f.teacherProduct, "ROSTERED"));
        }
    }

    @Test
    void a_resync_after_the_pool_shrank_keeps_within_the_seats_and_changes_no_roster_rows() {
        try (SyncFixture f = fixture(Source.ONEROSTER_12)) {
            SyncFixture.Expected truth = f.expected();
            f.licensed(truth.teachers().size(), truth.students().size());
            f.request("SYNC_LICENSES");
            succeeded(f.runWorker());
            f.sql("UPDATE license_pool SET seats = 5 WHERE id = ?", f.studentPool);
            f.request("RESYNC");
            List<SyncEngine.Outcome> outcomes = succeeded(f.runWorker());
            assertEquals(5, f.holders(f.studentProduct, "ROSTERED").size());
            assertTrue(truth.students().containsAll(f.holders(f.studentProduct, "ROSTERED")));
            as(Tokens.support()).get(runs(f.district) + "/" + outcomes.get(0).claim().runId()).then().statusCode(200)
                    .body("applyReport.unseatedTotal", equalTo(truth.students().size() - 5))
                    .body("counts.users.added", equalTo(0))
                    .body("counts.users.removed", equalTo(0));
        }
    }

    private static Truth.Course courseWithCode(Truth truth, String code) {
        return truth.courses.stream().filter(c -> c.courseCode().equals(code)).findFirst().orElseThrow();
    }

    /** The course's sections the source lists, as the connector names them. */
    private static Set<String> sections(SyncFixture f, Truth truth, Truth.Course course) {
        Set<String> ids = new HashSet<>();
        truth.classes.stream().filter(k -> k.courseSourcedId().equals(course.sourcedId())).forEach(k -> ids.add(f.source.id(k.sourcedId())));
        return ids;
    }

    private static String step(SyncFixture f, String key) {
        return as(f.admin).get("/api/v1/districts/" + f.district + "/checklist").then().statusCode(200)
                .extract().path("steps.find { it.key == '" + key + "' }.state");
    }

    /** The admin lets runs remove up to this share of users, enrollments and licenses before one is held. */
    private static void allowRemovals(SyncFixture f, int percent) {
        String path = "/api/v1/districts/" + f.district + "/safety-settings";
        Map<String, Object> settings = new HashMap<>(as(f.admin).get(path).then().statusCode(200).extract().jsonPath().getMap(""));
        for (String field : List.of("userRemovalPercent", "enrollmentRemovalPercent", "licenseRemovalPercent")) {
            settings.put(field, percent);
        }
        as(f.admin).body(settings).put(path).then().statusCode(200).body("enrollmentRemovalPercent", equalTo(percent));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> productLine(Response plan, UUID product) {
        List<Map<String, Object>> products = plan.path("products");
        return products.stream().filter(p -> product.toString().equals(p.get("productId"))).findFirst().orElseThrow();
    }
}
