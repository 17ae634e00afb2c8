package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Tokens;
import io.rosterline.sync.engine.SyncEngine;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A district still in setup watches what its nightly sync would do, without anything being applied. */
@QuarkusTest
class ShadowModeTest {

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

    @Test
    void a_district_in_setup_with_shadow_mode_gets_a_nightly_plan_that_is_never_applied() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            SyncFixture.Expected truth = f.expected();
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            String base = "/api/v1/districts/" + f.district;
            Map<String, Object> settings = new HashMap<>(as(admin).get(base + "/safety-settings").then().statusCode(200)
                    .extract().<Map<String, Object>>path(""));
            settings.put("shadowNightly", true);
            as(admin).body(settings).put(base + "/safety-settings").then().statusCode(200).body("shadowNightly", equalTo(true));
            f.sql("UPDATE district SET timezone = 'America/Los_Angeles', window_start = '23:00', window_end = '02:00' WHERE id = ?", f.district);
            assertEquals(1, f.count("SELECT count(*) FROM district WHERE id = ? AND schedule_mode = 'SETUP'", f.district));

            clock.setTo(Instant.parse("2026-11-25T04:00:00Z")); // 20:00 in Los Angeles: window closed
            assertTrue(f.runWorker().isEmpty());
            clock.setTo(Instant.parse("2026-11-25T09:30:00Z")); // 01:30: inside the window
            List<SyncEngine.Outcome> outcomes = f.runWorker();
            assertEquals(1, outcomes.size());
            assertTrue(outcomes.get(0).succeeded(), () -> outcomes.get(0).error());
            assertEquals("SHADOW", outcomes.get(0).claim().kind());
            UUID shadow = outcomes.get(0).claim().runId();
            clock.setTo(Instant.parse("2026-11-25T09:50:00Z"));
            assertTrue(f.runWorker().isEmpty(), "one shadow run per window");

            // The plan says who would get which license; nothing was applied.
            as(admin).get(base + "/shadow-runs").then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].id", equalTo(shadow.toString()))
                    .body("items[0].status", equalTo("SHADOWED"))
                    .body("items[0].planSummary.gainsTotal", equalTo(truth.students().size() + truth.teachers().size()));
            assertEquals(0, f.count("SELECT count(*) FROM account WHERE district_id = ?", f.district));
            assertEquals(0, f.count("SELECT count(*) FROM license_assignment WHERE district_id = ?", f.district));
            assertEquals(0, f.count("SELECT count(*) FROM roster_user WHERE district_id = ?", f.district));
            assertEquals(0, f.count("SELECT count(*) FROM staged_user WHERE run_id = ?", shadow));
            as(admin).post(base + "/runs/" + shadow + "/apply").then().statusCode(409);
            as(admin).body(Map.of("kind", "SHADOW")).post(base + "/runs").then().statusCode(400);
            as(Tokens.districtAdmin(UUID.randomUUID())).get(base + "/shadow-runs").then().statusCode(403);
        }
    }
}
