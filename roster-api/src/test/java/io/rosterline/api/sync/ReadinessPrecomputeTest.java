package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rosterline.api.support.Await;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The readiness review is computed when a run completes, not when an admin first asks for it (ReadinessPrecompute;
 * off in the other tests, which read the review at exact moments of a controlled clock).
 */
@QuarkusTest
@TestProfile(ReadinessPrecomputeTest.PrecomputeOn.class)
class ReadinessPrecomputeTest {

    public static class PrecomputeOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rosterline.readiness.precompute", "true");
        }
    }

    /** The key of the current roster's review (no pending run). */
    private static final UUID CURRENT_ROSTER = new UUID(0, 0);

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    @Test
    void given_a_district_when_its_import_is_staged_and_then_applied_then_each_review_is_stored_before_anyone_asks_and_served_as_stored() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 120, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            String base = "/api/v1/districts/" + f.district;

            // When the worker stages a manual import, then its review is stored with nobody having asked for it.
            UUID run = f.request("MANUAL_IMPORT");
            assertTrue(f.runWorker().get(0).succeeded());
            String staged = awaitSnapshot(f, run);

            // And the admin's first look is served from it: the stored findings, not computed again.
            List<String> kinds = as(admin).get(base + "/readiness").then().statusCode(200).body("runId", equalTo(run.toString()))
                    .body("refreshing", equalTo(false)).extract().path("findings.kind");
            assertFalse(kinds.isEmpty(), "the sandbox roster has findings (terms not started)");
            assertEquals(Set.copyOf(kinds), storedKinds(f, run));
            assertEquals(staged, computedAt(f, run));

            // When the admin applies the run, then the current roster's review is stored the same way.
            as(admin).post(base + "/runs/" + run + "/apply").then().statusCode(200).body("status", equalTo("APPLIED"));
            String current = awaitSnapshot(f, CURRENT_ROSTER);
            as(admin).get(base + "/readiness").then().statusCode(200).body("runId", nullValue()).body("refreshing", equalTo(false));
            assertEquals(current, computedAt(f, CURRENT_ROSTER));
        }
    }

    /** Waits for the review stored under the key; returns when it was computed. */
    private static String awaitSnapshot(SyncFixture f, UUID key) {
        return Await.until("a readiness review stored for " + key, Duration.ofSeconds(20), () -> computedAt(f, key));
    }

    private static String computedAt(SyncFixture f, UUID key) {
        Set<String> at = f.strings("SELECT computed_at::text FROM readiness_snapshot WHERE district_id = ? AND run_id = ?", f.district, key);
        return at.isEmpty() ? null : at.iterator().next();
    }

    private static Set<String> storedKinds(SyncFixture f, UUID key) {
        return f.strings("SELECT jsonb_array_elements(findings) ->> 'kind' FROM readiness_snapshot WHERE district_id = ? AND run_id = ?",
                f.district, key);
    }
}
