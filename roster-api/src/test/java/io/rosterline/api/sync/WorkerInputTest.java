package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a worker posts may quote a SIS export verbatim, NUL characters included, which PostgreSQL text and jsonb cannot
 * hold: a chunk carrying one is refused naming the field (nothing staged), while a read report or a failure message
 * quoting one is kept with U+FFFD in its place, so the run's history stays true.
 */
@QuarkusTest
class WorkerInputTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    private record Held(UUID run, String lease) {
    }

    private static Held claimManualImport(SyncFixture f) {
        UUID run = UUID.fromString(as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "MANUAL_IMPORT"))
                .post("/api/v1/districts/" + f.district + "/runs").then().statusCode(202).extract().path("id"));
        Response claimed = as(Tokens.syncWorker()).body(Map.of("workerId", "input-test")).post("/api/v1/worker/claims");
        claimed.then().statusCode(200).body("runId", equalTo(run.toString()));
        return new Held(run, claimed.path("leaseToken"));
    }

    private static Map<String, Object> user(String sourcedId, String givenName) {
        return Map.of("sourcedId", sourcedId, "hash", "00ff00ff00ff00ff", "status", "active", "role", "student",
                "givenName", givenName, "familyName", "Lopez");
    }

    @Test
    void given_a_running_import_when_a_chunk_carries_a_nul_character_then_it_is_refused_naming_the_field_and_nothing_is_staged() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 30, "oauth2", "ONEROSTER_API")) {
            Held held = claimManualImport(f);
            as(Tokens.syncWorker()).header("Lease-Token", held.lease())
                    .body(Map.of("chunkId", "users-00000", "collection", "users",
                            "upserts", List.of(user("u-1", "Ana"), user("u-2", "Be\u0000n")), "deletes", List.of()))
                    .post("/api/v1/worker/runs/" + held.run() + "/chunks")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("upserts[1].givenName"));
            as(Tokens.syncWorker()).header("Lease-Token", held.lease())
                    .body(Map.of("chunkId", "users-00001", "collection", "users", "upserts", List.of(), "deletes", List.of("u-\u00009")))
                    .post("/api/v1/worker/runs/" + held.run() + "/chunks")
                    .then().statusCode(400).body("errors[0].field", equalTo("deletes[0]"));
            assertEquals(0, f.count("SELECT count(*) FROM staged_user WHERE run_id = ?", held.run()), "nothing half-written");
            assertEquals(0, f.count("SELECT count(*) FROM sync_chunk WHERE run_id = ?", held.run()),
                    "a refused chunk is not remembered, so its corrected retry is not taken for a duplicate");

            as(Tokens.syncWorker()).header("Lease-Token", held.lease())
                    .body(Map.of("chunkId", "users-00000", "collection", "users", "upserts", List.of(user("u-1", "Ana")), "deletes", List.of()))
                    .post("/api/v1/worker/runs/" + held.run() + "/chunks")
                    .then().statusCode(200).body("duplicate", equalTo(false));
            f.sql("UPDATE sync_run SET status = 'FAILED', lease_token = NULL WHERE id = ?", held.run());
        }
    }

    @Test
    void given_a_running_import_when_the_worker_fails_it_quoting_a_nul_character_then_the_failure_is_recorded_readably() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 30, "oauth2", "ONEROSTER_API")) {
            Held held = claimManualImport(f);
            as(Tokens.syncWorker()).header("Lease-Token", held.lease())
                    .body(Map.of("error", "users/u-7: the name 'Be\u0000n' could not be read"))
                    .post("/api/v1/worker/runs/" + held.run() + "/fail").then().statusCode(204);
            as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/runs/" + held.run())
                    .then().statusCode(200).body("status", equalTo("FAILED"))
                    .body("error", equalTo("users/u-7: the name 'Be\uFFFDn' could not be read"));
        }
    }

    @Test
    void given_a_running_import_when_the_read_report_quotes_a_nul_character_then_the_run_stages_and_the_report_keeps_the_warning() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 30, "oauth2", "ONEROSTER_API")) {
            Held held = claimManualImport(f);
            as(Tokens.syncWorker()).header("Lease-Token", held.lease())
                    .body(Map.of("chunkId", "users-00000", "collection", "users", "upserts", List.of(user("u-1", "Ana")), "deletes", List.of()))
                    .post("/api/v1/worker/runs/" + held.run() + "/chunks").then().statusCode(200);
            as(Tokens.syncWorker()).header("Lease-Token", held.lease())
                    .body(Map.of("readReport", Map.of("warnings", 2, "firstWarnings",
                            List.of("users/u-7: name 'Be\u0000n' kept", "a literal \\u0000 stays as typed"))))
                    .post("/api/v1/worker/runs/" + held.run() + "/complete").then().statusCode(200);
            as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/runs/" + held.run())
                    .then().statusCode(200).body("status", equalTo("STAGED"))
                    .body("readReport.firstWarnings[0]", equalTo("users/u-7: name 'Be\uFFFDn' kept"))
                    .body("readReport.firstWarnings[1]", equalTo("a literal \\u0000 stays as typed"));
        }
    }
}
