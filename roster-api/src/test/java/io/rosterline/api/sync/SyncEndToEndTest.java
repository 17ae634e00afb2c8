package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.support.Tokens;
import io.rosterline.sync.engine.SyncEngine;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline with the real worker engine against an embedded sandbox SIS over OneRoster REST. */
@QuarkusTest
class SyncEndToEndTest {

    @jakarta.inject.Inject
    io.rosterline.api.support.TestClock clock;

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private SyncFixture fixture(String auth, String platform) {
        return new SyncFixture(db, api.toString(), 300, auth, platform);
    }

    private static String runs(UUID district) {
        return "/api/v1/districts/" + district + "/runs";
    }

    private static UUID request(UUID district, String kind) {
        return UUID.fromString(as(Tokens.districtAdmin(district)).body(Map.of("kind", kind)).post(runs(district))
                .then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("id"));
    }

    @Test
    void a_first_import_over_oauth2_is_staged_reviewed_and_applied_within_the_seats() throws Exception {
        try (SyncFixture f = fixture("oauth2", "ONEROSTER_API")) {
            SyncFixture.Expected truth = f.expected();
            int studentSeats = truth.students().size() - 7;
            f.licensed(1000, studentSeats);
            UUID district = f.district;
            String admin = Tokens.districtAdmin(district);

            UUID run = request(district, "MANUAL_IMPORT");
            List<SyncEngine.Outcome> outcomes = f.runWorker();
            assertEquals(1, outcomes.size());
            assertTrue(outcomes.get(0).succeeded(), () -> outcomes.get(0).error());

            // Review: counts, classes, one class's roster, the plan. Nothing is applied yet.
            as(admin).get(runs(district) + "/" + run).then().statusCode(200)
                    .body("status", equalTo("STAGED"))
                    .body("counts.classes.added", equalTo(truth.classes().size()))
                    .body("counts.enrollments.added", equalTo((int) truth.enrollments()))
                    .body("counts.users.added", equalTo(truth.people().size()))
                    .body("counts.users.removed", equalTo(0));
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

    @Test
    void a_live_district_syncs_in_its_nightly_window_and_sis_changes_reach_accounts_and_licenses_exactly() {
        try (SyncFixture f = fixture("oauth1", "ONEROSTER_API")) {
            SyncFixture.Expected before = f.expected();
            f.licensed(1000, before.students().size() + 50);
            UUID district = f.district;
            request(district, "SYNC_LICENSES");
            assertTrue(f.runWorker().get(0).succeeded());
            assertEquals(before.students(), f.holders(f.studentProduct, "ROSTERED"));

            // A sticky license for one student and a manual one for someone outside the roster.
            String stickyStudent = before.students().iterator().next();
            f.sql("UPDATE license_assignment SET source = 'STICKY' WHERE district_id = ? AND product_id = ? "
                    + "AND account_id = (SELECT id FROM account WHERE district_id = ? AND sourced_id = ?)",
                    district, f.studentProduct, district, stickyStudent);
            UUID manualAccount = UUID.randomUUID();
            f.sql("INSERT INTO account (id, district_id, email, given_name, family_name, role, origin) "
                    + "VALUES (?, ?, 'tutor@example.org', 'Tess', 'Tutor', 'TEACHER', 'MANUAL')", manualAccount, district);
            f.sql("INSERT INTO license_assignment (district_id, account_id, product_id, pool_id, source, assigned_by) "
                    + "VALUES (?, ?, ?, ?, 'MANUAL', 'support')", district, manualAccount, f.teacherProduct, f.teacherPool);

            // The SIS changes: students dropped (the sticky one among them or not), enrollments moved, students added.
            f.sis.roster().dropStudents(10, null);
            f.sis.roster().moveEnrollments(15, null);
            f.sis.roster().addStudents(12, null);
            SyncFixture.Expected after = f.expected();

            // feat/safety: this churn (10 % of students in one night) is above the default hold threshold (10 % and 50
            // enrollments); this district allows up to 25 % so the nightly run applies instead of being held.
            f.sql("INSERT INTO safety_settings (district_id, enrollment_removal_percent, user_removal_percent, license_removal_percent) "
                    + "VALUES (?, 25, 25, 25)", district);
            // The district goes live with a window that crosses midnight; nothing runs before it opens.
            f.sql("UPDATE district SET schedule_mode = 'LIVE', timezone = 'America/Los_Angeles', window_start = '23:00', window_end = '02:00' WHERE id = ?", district);
            clock.setTo(Instant.parse("2026-11-25T04:00:00Z")); // 20:00 in Los Angeles
            assertTrue(f.runWorker().isEmpty(), "no nightly run before the window opens");
            clock.setTo(Instant.parse("2026-11-25T09:30:00Z")); // 01:30, inside the window of the 24th
            List<SyncEngine.Outcome> nightly = f.runWorker();
            assertEquals(1, nightly.size());
            assertTrue(nightly.get(0).succeeded(), () -> nightly.get(0).error());
            assertEquals("NIGHTLY", nightly.get(0).claim().kind());
            clock.setTo(Instant.parse("2026-11-25T09:50:00Z"));
            assertTrue(f.runWorker().isEmpty(), "one nightly run per window");

            as(Tokens.districtAdmin(district)).get(runs(district) + "/" + nightly.get(0).claim().runId()).then().statusCode(200)
                    .body("status", equalTo("APPLIED")).body("trigger", equalTo("SCHEDULE"));
            Set<String> rostered = f.holders(f.studentProduct, "ROSTERED");
            Set<String> expectedRostered = new HashSet<>(after.students());
            expectedRostered.remove(stickyStudent);
            assertEquals(expectedRostered, rostered, "ROSTERED student licenses are exactly the SIS's active students");
            assertEquals(Set.of(stickyStudent), f.holders(f.studentProduct, "STICKY"), "the sticky license survives");
            assertEquals(1, f.count("SELECT count(*) FROM license_assignment WHERE account_id = ? AND source = 'MANUAL'", manualAccount));
            assertEquals(after.teachers(), f.holders(f.teacherProduct, "ROSTERED"));
            Set<String> dropped = new HashSet<>(before.students());
            dropped.removeAll(after.students());
            assertFalse(dropped.isEmpty(), "the sandbox dropped some of the selected students");
            for (String gone : dropped) {
                if (!after.activePeople().contains(gone)) {
                    assertEquals(0, f.count("SELECT count(*) FROM account WHERE district_id = ? AND sourced_id = ? AND active", district, gone));
                }
            }
            assertEquals(after.activePeople().size(), f.count("SELECT count(*) FROM account WHERE district_id = ? AND active AND origin = 'ROSTERED'", district));
            assertEquals(f.count("SELECT count(DISTINCT sourced_id) FROM account WHERE district_id = ? AND sourced_id IS NOT NULL", district),
                    f.count("SELECT count(*) FROM account WHERE district_id = ? AND sourced_id IS NOT NULL", district), "never duplicated");
        }
    }

    @Test
    void a_resync_after_the_pool_shrank_keeps_within_the_seats_and_changes_no_roster_rows() {
        try (SyncFixture f = fixture("oauth2", "ONEROSTER_12_API")) {
            SyncFixture.Expected truth = f.expected();
            f.licensed(truth.teachers().size(), truth.students().size());
            request(f.district, "SYNC_LICENSES");
            assertTrue(f.runWorker().get(0).succeeded());
            f.sql("UPDATE license_pool SET seats = 5 WHERE id = ?", f.studentPool);
            request(f.district, "RESYNC");
            List<SyncEngine.Outcome> outcomes = f.runWorker();
            assertTrue(outcomes.get(0).succeeded(), () -> outcomes.get(0).error());
            assertEquals(5, f.holders(f.studentProduct, "ROSTERED").size());
            assertTrue(truth.students().containsAll(f.holders(f.studentProduct, "ROSTERED")));
            as(Tokens.support()).get(runs(f.district) + "/" + outcomes.get(0).claim().runId()).then().statusCode(200)
                    .body("applyReport.unseatedTotal", equalTo(truth.students().size() - 5))
                    .body("counts.users.added", equalTo(0))
                    .body("counts.users.removed", equalTo(0));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> productLine(Response plan, UUID product) {
        List<Map<String, Object>> products = plan.path("products");
        return products.stream().filter(p -> product.toString().equals(p.get("productId"))).findFirst().orElseThrow();
    }
}
