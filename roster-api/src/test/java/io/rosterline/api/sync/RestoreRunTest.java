package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restoring an earlier night's license assignments in one action, reviewed and applied like any run. */
@QuarkusTest
class RestoreRunTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    private static final String ASSIGNMENTS = "SELECT account_id || '/' || product_id || '/' || pool_id || '/' || COALESCE(effective_start::text, '-') "
            + "|| '/' || COALESCE(effective_end::text, '-') FROM license_assignment WHERE district_id = ? AND source = 'ROSTERED'";

    private static UUID syncNow(SyncFixture f) {
        UUID run = UUID.fromString(as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "SYNC_LICENSES"))
                .post("/api/v1/districts/" + f.district + "/runs").then().statusCode(202).extract().path("id"));
        assertTrue(f.runWorker().get(0).succeeded());
        as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/runs/" + run).then().statusCode(200)
                .body("status", equalTo("APPLIED"));
        return run;
    }

    @Test
    void restore_brings_back_an_earlier_nights_assignments_exactly() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            String runs = "/api/v1/districts/" + f.district + "/runs/";

            UUID monday = syncNow(f);
            Set<String> mondayAssignments = f.strings(ASSIGNMENTS, f.district);
            assertTrue(f.count("SELECT count(*) FROM run_assignment_snapshot WHERE run_id = ?", monday) <= 4,
                    "the snapshot is compact: one row per product, pool and dates");

            // Tuesday: some students leave, some arrive.
            f.sis.roster().dropStudents(4, null);
            f.sis.roster().addStudents(6, null);
            syncNow(f);
            Set<String> tuesdayAssignments = f.strings(ASSIGNMENTS, f.district);
            assertNotEquals(mondayAssignments, tuesdayAssignments);
            Set<String> lost = new HashSet<>(mondayAssignments);
            lost.removeAll(tuesdayAssignments);
            Set<String> gained = new HashSet<>(tuesdayAssignments);
            gained.removeAll(mondayAssignments);

            // Restore Monday: a staged RESTORE run whose plan says exactly who gets back and who loses what.
            UUID restore = UUID.fromString(as(admin).post(runs + monday + "/restore").then().statusCode(201)
                    .body("kind", equalTo("RESTORE")).body("status", equalTo("STAGED")).extract().path("id"));
            as(admin).get(runs + restore + "/plan?limit=1000").then().statusCode(200)
                    .body("gainsTotal", equalTo(lost.size()))
                    .body("lossesTotal", equalTo(gained.size()));
            assertEquals(tuesdayAssignments, f.strings(ASSIGNMENTS, f.district), "the plan changes nothing");

            as(admin).post(runs + restore + "/apply").then().statusCode(200).body("status", equalTo("APPLIED"));
            assertEquals(mondayAssignments, f.strings(ASSIGNMENTS, f.district), "Monday's assignments, exactly");
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'run.restore.applied'", f.district));

            // Only applied runs can be restored; restores do not go through the worker queue; others cannot restore.
            as(admin).post(runs + restore + "/apply").then().statusCode(409);
            as(admin).body(Map.of("kind", "RESTORE")).post("/api/v1/districts/" + f.district + "/runs").then().statusCode(400);
            as(Tokens.integrator(f.district)).post(runs + monday + "/restore").then().statusCode(403);
            as(admin).post(runs + UUID.randomUUID() + "/restore").then().statusCode(404);
        }
    }
}
