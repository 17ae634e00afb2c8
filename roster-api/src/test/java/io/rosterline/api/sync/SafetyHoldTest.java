package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Tokens;
import io.rosterline.sync.engine.SyncEngine;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The safety net of feat/safety with the real worker engine against the sandbox SIS: removal thresholds hold a run,
 * the admin approves or discards it, and a much smaller source fails the run before anything is removed.
 */
@QuarkusTest
class SafetyHoldTest {

    @jakarta.inject.Inject
    io.rosterline.api.support.TestClock clock;

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    private static String runs(UUID district) {
        return "/api/v1/districts/" + district + "/runs";
    }

    /** A district of three schools, synced once with every Mathematics student licensed. */
    private SyncFixture syncedDistrict() {
        SyncFixture f = new SyncFixture(db, api.toString(), 1500, "oauth2", "ONEROSTER_API");
        SyncFixture.Expected truth = f.expected();
        f.licensed(1000, truth.students().size() + 200);
        String status = sync(f);
        assertEquals("APPLIED", status, "the first sync of an empty district removes nothing and is applied");
        return f;
    }

    /** The admin presses Sync Licenses; the worker runs; the run's status. */
    private static String sync(SyncFixture f) {
        UUID run = UUID.fromString(as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "SYNC_LICENSES"))
                .post(runs(f.district)).then().statusCode(202).extract().path("id"));
        List<SyncEngine.Outcome> outcomes = f.runWorker();
        assertEquals(1, outcomes.size());
        assertTrue(outcomes.get(0).succeeded(), () -> outcomes.get(0).error());
        lastRun = run;
        return as(Tokens.districtAdmin(f.district)).get(runs(f.district) + "/" + run).then().statusCode(200).extract().path("status");
    }

    private static UUID lastRun;

    private long activeEnrollments(SyncFixture f) {
        return f.count("SELECT count(*) FROM roster_enrollment WHERE district_id = ? AND status = 'active'", f.district);
    }

    @Test
    void a_roster_that_lost_one_school_is_held_while_normal_nightly_churn_is_applied_and_discard_and_approve_both_work() {
        try (SyncFixture f = syncedDistrict()) {
            String admin = Tokens.districtAdmin(f.district);

            // Normal churn: a few students leave, some move class, a few arrive. Applied.
            f.sis.roster().dropStudents(2, null);
            f.sis.roster().moveEnrollments(10, null);
            f.sis.roster().addStudents(5, null);
            assertEquals("APPLIED", sync(f));
            SyncFixture.Expected afterChurn = f.expected();
            assertEquals(afterChurn.students(), f.holders(f.studentProduct, "ROSTERED"));

            // The export loses the third school: held, nothing removed, the admins are told why.
            long enrollmentsBefore = activeEnrollments(f);
            Set<String> holdersBefore = f.holders(f.studentProduct, "ROSTERED");
            f.sis.roster().dropSchool(2, null);
            assertEquals("HELD", sync(f));
            UUID held = lastRun;
            assertEquals(enrollmentsBefore, activeEnrollments(f), "no enrollment was removed");
            assertEquals(holdersBefore, f.holders(f.studentProduct, "ROSTERED"), "no license was removed");
            String schoolName = f.strings("SELECT name FROM sis_school WHERE district_id = ? AND sourced_id = ?",
                    f.district, f.schools.get(2)).iterator().next();
            as(admin).get(runs(f.district) + "/" + held + "/hold").then().statusCode(200)
                    .body("reason", matchesPattern(".*" + schoolName + " would lose \\d+ of \\d+ enrollments \\(\\d+ %\\).*"))
                    .body("findings.scope", hasItem("SCHOOL:" + f.schools.get(2)))
                    .body("decision", equalTo(null));
            as(admin).get("/api/v1/districts/" + f.district + "/notifications").then().statusCode(200)
                    .body("items.kind", hasItem("RUN_HELD"))
                    .body("items.find { it.kind == 'RUN_HELD' }.body", containsString(schoolName + " would lose"));
            as(admin).post(runs(f.district) + "/" + held + "/apply").then().statusCode(409);

            // Discard: the run ends, still nothing removed; it cannot be discarded twice.
            as(admin).post(runs(f.district) + "/" + held + "/discard").then().statusCode(200).body("status", equalTo("DISCARDED"));
            as(admin).post(runs(f.district) + "/" + held + "/discard").then().statusCode(409);
            as(admin).post(runs(f.district) + "/" + held + "/approve").then().statusCode(409);
            assertEquals(enrollmentsBefore, activeEnrollments(f));
            assertEquals(holdersBefore, f.holders(f.studentProduct, "ROSTERED"));

            // The next run is held again; this time the admin approves it (the school really closed): applied exactly.
            assertEquals("HELD", sync(f));
            UUID approved = lastRun;
            as(admin).post(runs(f.district) + "/" + approved + "/approve").then().statusCode(200).body("status", equalTo("APPLIED"));
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));
            assertTrue(activeEnrollments(f) < enrollmentsBefore);
            as(admin).get(runs(f.district) + "/" + approved + "/hold").then().statusCode(200).body("decision", equalTo("APPROVED"));
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'run.hold.approved'", f.district));
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'run.hold.discarded'", f.district));
            assertEquals(2, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'run.held'", f.district));

            // Other districts' admins cannot decide on it.
            as(Tokens.districtAdmin(UUID.randomUUID())).post(runs(f.district) + "/" + approved + "/discard").then().statusCode(403);
        }
    }

    @Test
    void a_much_smaller_source_fails_the_run_without_removals_and_tells_the_admins() {
        try (SyncFixture f = syncedDistrict()) {
            long enrollmentsBefore = activeEnrollments(f);
            Set<String> holdersBefore = f.holders(f.studentProduct, "ROSTERED");
            f.sis.roster().dropStudents(75, null);
            UUID run = UUID.fromString(as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "SYNC_LICENSES"))
                    .post(runs(f.district)).then().statusCode(202).extract().path("id"));
            f.runWorker();
            as(Tokens.districtAdmin(f.district)).get(runs(f.district) + "/" + run).then().statusCode(200)
                    .body("status", equalTo("FAILED"))
                    .body("error", matchesPattern("The source now has \\d+ active \\w+, under 50 % of the \\d+ of the last good run[.;].*"));
            assertEquals(enrollmentsBefore, activeEnrollments(f));
            assertEquals(holdersBefore, f.holders(f.studentProduct, "ROSTERED"));
            assertEquals(0, f.count("SELECT count(*) FROM staged_enrollment WHERE run_id = ?", run), "nothing is left staged");
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'run.failed-safe'", f.district));
            as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/notifications?unread=true").then()
                    .statusCode(200).body("items.kind", hasItem("RUN_FAILED"));
        }
    }

    @Test
    void the_thresholds_are_the_districts_own_and_a_rollover_window_relaxes_them() {
        try (SyncFixture f = syncedDistrict()) {
            String admin = Tokens.districtAdmin(f.district);
            String path = "/api/v1/districts/" + f.district + "/safety-settings";
            as(admin).get(path).then().statusCode(200).body("enrollmentRemovalPercent", equalTo(10))
                    .body("enrollmentRemovalMinCount", equalTo(50)).body("minClassSize", equalTo(5))
                    .body("applyAdditionsWhileHeld", equalTo(false));

            // A fifth of the students leave at once: outside a rollover window that is held.
            f.sis.roster().dropStudents(20, null);
            assertEquals("HELD", sync(f));
            as(admin).get(runs(f.district) + "/" + lastRun + "/hold").then().statusCode(200)
                    .body("reason", containsString("The district would lose"));
            as(admin).post(runs(f.district) + "/" + lastRun + "/discard").then().statusCode(200);

            // The admin declares the rollover window around today: the same change is expected now, and applied.
            java.time.LocalDate today = java.time.LocalDate.now();
            Map<String, Object> relaxed = new java.util.HashMap<>(Map.of("userRemovalPercent", 10, "userRemovalMinCount", 50,
                    "enrollmentRemovalPercent", 10, "enrollmentRemovalMinCount", 50, "licenseRemovalPercent", 10,
                    "licenseRemovalMinCount", 50, "minClassSize", 5, "rolloverRemovalPercent", 60, "applyAdditionsWhileHeld", false,
                    "minSourcePercent", 50));
            relaxed.put("rolloverStart", today.minusDays(1).toString());
            relaxed.put("rolloverEnd", "2000-01-01");
            as(admin).body(relaxed).put(path).then().statusCode(400).body("errors[0].field", equalTo("rolloverEnd"));
            relaxed.put("rolloverEnd", today.plusDays(1).toString());
            as(Tokens.integrator(f.district)).body(relaxed).put(path).then().statusCode(403);
            as(admin).body(relaxed).put(path).then().statusCode(200).body("rolloverRemovalPercent", equalTo(60))
                    .body("rolloverEnd", equalTo(today.plusDays(1).toString()));
            assertEquals("APPLIED", sync(f));
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'safety-settings.updated'", f.district));
        }
    }

    @Test
    void a_district_that_chose_so_gets_safe_additions_while_a_run_is_held_and_nothing_is_removed() {
        try (SyncFixture f = syncedDistrict()) {
            f.sql("INSERT INTO safety_settings (district_id, apply_additions_while_held) VALUES (?, true)", f.district);
            long enrollmentsBefore = activeEnrollments(f);
            Set<String> holdersBefore = f.holders(f.studentProduct, "ROSTERED");

            f.sis.roster().dropSchool(1, null);
            f.sis.roster().addStudents(8, null);
            assertEquals("HELD", sync(f));
            UUID held = lastRun;
            as(Tokens.districtAdmin(f.district)).get(runs(f.district) + "/" + held + "/hold").then().statusCode(200)
                    .body("additionsApplied", equalTo(true));

            // Everyone licensed before still is; the new students who joined a licensed class are licensed too.
            Set<String> holdersNow = f.holders(f.studentProduct, "ROSTERED");
            assertTrue(holdersNow.containsAll(holdersBefore), "nothing was removed");
            Set<String> added = new java.util.HashSet<>(holdersNow);
            added.removeAll(holdersBefore);
            assertTrue(!added.isEmpty(), "the new students got their licenses");
            assertTrue(activeEnrollments(f) > enrollmentsBefore, "their enrollments were added");
            assertEquals(0, f.count("SELECT count(*) FROM roster_user r WHERE r.district_id = ? AND r.status <> 'active'", f.district),
                    "no one was deactivated");

            // Approved later: the school's removals apply and the roster is exactly the SIS's.
            as(Tokens.districtAdmin(f.district)).post(runs(f.district) + "/" + held + "/approve").then().statusCode(200)
                    .body("status", equalTo("APPLIED"));
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));
        }
    }

    @Test
    void a_term_starting_soon_without_an_override_start_produces_one_reminder() {
        try (SyncFixture f = syncedDistrict()) {
            try {
                // Ten days before the spring term of the sandbox's school year (it starts on 2027-01-19).
                clock.setTo(java.time.Instant.parse("2027-01-09T18:00:00Z"));
                sync(f);
                sync(f);
                String notifications = "/api/v1/districts/" + f.district + "/notifications";
                io.restassured.response.Response list = as(Tokens.districtAdmin(f.district)).get(notifications).then().statusCode(200)
                        .extract().response();
                List<String> reminders = list.path("items.findAll { it.kind == 'OVERRIDE_FORGOTTEN' }.body");
                assertTrue(!reminders.isEmpty(), "the spring term is announced");
                assertEquals(reminders.size(), new java.util.HashSet<>(reminders).size(), "once per term, though two runs saw it");
                assertTrue(reminders.get(0).matches("Term .+ starts on 2027-01-19 and has no override start.*"), reminders.get(0));

                // The admin reads it.
                String id = list.path("items.find { it.kind == 'OVERRIDE_FORGOTTEN' }.id");
                as(Tokens.districtAdmin(f.district)).post(notifications + "/" + id + "/read").then().statusCode(200)
                        .body("readAt", org.hamcrest.Matchers.notNullValue());
                as(Tokens.districtAdmin(UUID.randomUUID())).post(notifications + "/" + id + "/read").then().statusCode(403);
                as(Tokens.districtAdmin(f.district)).post(notifications + "/" + UUID.randomUUID() + "/read").then().statusCode(404);
            } finally {
                clock.reset();
            }
        }
    }
}
