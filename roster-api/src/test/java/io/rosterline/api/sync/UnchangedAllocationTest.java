package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.TestClock;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.rosterline.api.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An apply whose inputs have not changed keeps the license assignments as they are instead of recomputing the
 * district's allocation (ApplyEngine, AllocationState). Decision under test: it is reused only when recomputing would
 * give the same assignments; any change to what the allocation reads, or a day on which a class, pool, assignment or
 * grace period ends, makes the next apply compute it again.
 */
@QuarkusTest
class UnchangedAllocationTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;
    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String base(SyncFixture f) {
        return "/api/v1/districts/" + f.district;
    }


    /** Every assignment of the district as it is stored: id, pool, dates, grace and when it was written. */
    private static Set<String> assignments(SyncFixture f) {
        return f.strings("SELECT id || '/' || COALESCE(pool_id::text, '') || '/' || source || '/' || COALESCE(effective_start::text, '') "
                + "|| '/' || COALESCE(effective_end::text, '') || '/' || COALESCE(grace_until::text, '') || '/' || assigned_at "
                + "FROM license_assignment WHERE district_id = ?", f.district);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void given_a_synced_district_when_a_resync_brings_no_differences_then_the_assignments_are_kept_and_the_report_says_since_when() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 120, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            io.restassured.path.json.JsonPath first = f.syncLicenses();
            assertNull(first.get("applyReport.unchangedSince"), "the first apply computes the allocation");
            assertTrue(first.getLong("applyReport.gainsTotal") > 0);
            String firstRun = first.getString("id");
            Set<String> stored = assignments(f);

            // When nothing changed in the SIS or in Rosterline, then the next sync keeps every assignment as it is.
            io.restassured.path.json.JsonPath second = f.syncLicenses();
            assertEquals(firstRun, second.getString("applyReport.unchangedSince"));
            assertEquals(0, second.getLong("applyReport.gainsTotal"));
            assertEquals(0, second.getLong("applyReport.lossesTotal"));
            assertEquals(first.getList("applyReport.products.assigned"), second.getList("applyReport.products.assigned"));
            assertEquals(stored, assignments(f));
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));

            // And a third still points at the run that computed it.
            assertEquals(firstRun, f.syncLicenses().getString("applyReport.unchangedSince"));

            // When students leave the SIS, then the allocation is computed again and their licenses go.
            f.sis.roster().dropStudents(5, null);
            io.restassured.path.json.JsonPath afterDrop = f.syncLicenses();
            assertNull(afterDrop.get("applyReport.unchangedSince"));
            assertTrue(afterDrop.getLong("applyReport.lossesTotal") > 0);
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));
        }
    }

    @Test
    void given_an_unchanged_roster_when_the_admin_adds_seats_or_a_sticky_license_or_an_assignment_is_deleted_then_the_next_sync_computes_it() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 120, "oauth2", "ONEROSTER_API")) {
            int students = f.expected().students().size();
            f.licensed(1000, students - 10);
            io.restassured.path.json.JsonPath short10 = f.syncLicenses();
            assertEquals(10, short10.getLong("applyReport.unseatedTotal"));

            // Unchanged: kept, and the report still lists who has no seat.
            io.restassured.path.json.JsonPath kept = f.syncLicenses();
            assertEquals(short10.getString("id"), kept.getString("applyReport.unchangedSince"));
            assertEquals(10, kept.getLong("applyReport.unseatedTotal"));
            assertEquals(short10.getList("applyReport.unseated.sourcedId"), kept.getList("applyReport.unseated.sourcedId"));

            // The admin buys enough seats: the next sync computes the allocation and seats the ten.
            String admin = Tokens.districtAdmin(f.district);
            Map<String, Object> pool = as(admin).get(base(f) + "/license-pools/" + f.studentPool).then().statusCode(200)
                    .extract().jsonPath().getMap("");
            as(admin).body(Map.of("productId", f.studentProduct.toString(), "seats", students + 5, "startDate", pool.get("startDate"),
                    "endDate", pool.get("endDate"), "purchaseOrder", "PO-FIXTURE", "mode", "ROSTERED"))
                    .put(base(f) + "/license-pools/" + f.studentPool).then().statusCode(200);
            io.restassured.path.json.JsonPath seated = f.syncLicenses();
            assertNull(seated.get("applyReport.unchangedSince"));
            assertEquals(10, seated.getLong("applyReport.gainsTotal"));
            assertEquals(0, seated.getLong("applyReport.unseatedTotal"));
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));

            // A sticky license for a rostered teacher: their rostered one is no longer needed.
            String teacher = f.holders(f.teacherProduct, "ROSTERED").iterator().next();
            String accountId = f.strings("SELECT id::text FROM account WHERE district_id = ? AND sourced_id = ?", f.district, teacher)
                    .iterator().next();
            as(admin).body(Map.of("accountId", accountId, "productIds", java.util.List.of(f.teacherProduct), "note", "Math coach"))
                    .post(base(f) + "/sticky-licenses").then().statusCode(201);
            io.restassured.path.json.JsonPath sticky = f.syncLicenses();
            assertNull(sticky.get("applyReport.unchangedSince"));
            assertEquals(Set.of(teacher), f.holders(f.teacherProduct, "STICKY"));
            assertFalse(f.holders(f.teacherProduct, "ROSTERED").contains(teacher));

            // A change written straight to the assignments (any writer, not only the API) also counts.
            assertNotNull(f.syncLicenses().getString("applyReport.unchangedSince"));
            f.sql("DELETE FROM license_assignment WHERE id = (SELECT min(id) FROM license_assignment "
                    + "WHERE district_id = ? AND source = 'ROSTERED' AND product_id = ?)", f.district, f.studentProduct);
            io.restassured.path.json.JsonPath repaired = f.syncLicenses();
            assertNull(repaired.get("applyReport.unchangedSince"));
            assertEquals(1, repaired.getLong("applyReport.gainsTotal"));
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));
        }
    }

    @Test
    void given_an_unchanged_roster_when_the_day_passes_the_end_of_the_classes_then_the_next_sync_computes_the_allocation_and_their_licenses_end() {
        // A small district, so that every license ending at once stays under the safety gate's minimum count of 50.
        try (SyncFixture f = new SyncFixture(db, api.toString(), 30, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            f.syncLicenses();
            String ends = """
                    SELECT %s(s.end_date)::text FROM roster_class k JOIN course_license cl ON cl.district_id = k.district_id
                         AND cl.course_sourced_id = k.course_sourced_id
                    JOIN roster_session s ON s.district_id = k.district_id AND s.sourced_id = ANY (k.term_sourced_ids)
                    WHERE k.district_id = ? AND k.status = 'active' AND s.end_date > ?""";
            LocalDate firstEnd = LocalDate.parse(f.strings(ends.formatted("min"), f.district, Date.valueOf(today().plusDays(1))).iterator().next());
            LocalDate lastEnd = LocalDate.parse(f.strings(ends.formatted("max"), f.district, Date.valueOf(today().plusDays(1))).iterator().next());
            assertTrue(lastEnd.isBefore(today().plusYears(2).minusDays(1)), "the pools last longer than the classes: " + lastEnd);
            Set<String> holders = new HashSet<>(f.holders(f.studentProduct, "ROSTERED"));
            assertFalse(holders.isEmpty());

            // The day before the first term ends nothing the allocation compares with today was crossed: kept.
            clock.setToday(firstEnd.minusDays(1));
            assertNotNull(f.syncLicenses().getString("applyReport.unchangedSince"));
            assertEquals(holders, f.holders(f.studentProduct, "ROSTERED"));

            // The day after the last class ends, the allocation is computed again and the classes' licenses end.
            clock.setToday(lastEnd.plusDays(1));
            io.restassured.path.json.JsonPath after = f.syncLicenses();
            assertNull(after.get("applyReport.unchangedSince"));
            assertTrue(after.getLong("applyReport.lossesTotal") >= holders.size(), "licenses of the ended classes are removed");
            assertEquals(Set.of(), f.holders(f.studentProduct, "ROSTERED"));
        }
    }
}
