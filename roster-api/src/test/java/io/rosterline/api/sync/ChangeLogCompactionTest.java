package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.staging.ChangeLogCompaction;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;

import static io.rosterline.api.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change logs behind stored readiness reviews and allocations are compacted without ever reusing what they
 * fingerprinted: after a compaction the next apply and the next review are computed anew, and a district that is in
 * the middle of an apply is left for the next pass.
 */
@QuarkusTest
class ChangeLogCompactionTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;
    @Inject
    ChangeLogCompaction compaction;

    private static String base(SyncFixture f) {
        return "/api/v1/districts/" + f.district;
    }


    private static long logRows(SyncFixture f) {
        return f.count("SELECT (SELECT count(*) FROM allocation_change WHERE district_id = ?) "
                + "+ (SELECT count(*) FROM readiness_change WHERE district_id = ?)", f.district, f.district);
    }

    @Test
    void given_a_district_with_stored_allocation_and_review_when_its_logs_are_compacted_then_both_are_computed_anew_once() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 60, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            f.syncLicenses();
            String admin = Tokens.districtAdmin(f.district);
            as(admin).get(base(f) + "/readiness").then().statusCode(200);
            assertNotNull(f.syncLicenses().getString("applyReport.unchangedSince"), "reused before the compaction");
            assertTrue(logRows(f) > 0);
            Set<String> holders = f.holders(f.studentProduct, "ROSTERED");

            // When the logs are compacted (limit 0: every district with a row).
            assertTrue(compaction.compact(0).contains(f.district));
            assertEquals(0, logRows(f));
            assertEquals(0, f.count("SELECT count(*) FROM allocation_state WHERE district_id = ?", f.district));
            assertEquals(1, f.count("SELECT count(*) FROM readiness_snapshot WHERE district_id = ? AND fingerprint = 'compacted'", f.district));

            // Then the next apply computes the allocation (the same licenses), and the one after reuses it again.
            io.restassured.path.json.JsonPath recomputed = f.syncLicenses();
            assertNull(recomputed.get("applyReport.unchangedSince"));
            assertEquals(0, recomputed.getLong("applyReport.gainsTotal"));
            assertEquals(0, recomputed.getLong("applyReport.lossesTotal"));
            assertEquals(holders, f.holders(f.studentProduct, "ROSTERED"));
            assertEquals(recomputed.getString("id"), f.syncLicenses().getString("applyReport.unchangedSince"));
            // And the review is computed anew and stored under a real fingerprint.
            as(admin).get(base(f) + "/readiness").then().statusCode(200);
            assertEquals(0, f.count("SELECT count(*) FROM readiness_snapshot WHERE district_id = ? AND fingerprint = 'compacted'", f.district));
        }
    }

    @Test
    void given_a_district_in_the_middle_of_an_apply_when_the_logs_are_compacted_then_it_is_left_for_the_next_pass() throws Exception {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 60, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            f.syncLicenses();
            long rows = logRows(f);
            try (Connection apply = db.getConnection()) {
                apply.setAutoCommit(false);
                try (PreparedStatement lock = apply.prepareStatement("SELECT 1 FROM district WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, f.district);
                    lock.executeQuery().close();
                }
                assertFalse(compaction.compact(0).contains(f.district), "an apply holds the district");
                assertEquals(rows, logRows(f));
                assertEquals(1, f.count("SELECT count(*) FROM allocation_state WHERE district_id = ?", f.district));
                apply.rollback();
            }
            assertTrue(compaction.compact(0).contains(f.district));
            assertEquals(0, logRows(f));
        }
    }
}
