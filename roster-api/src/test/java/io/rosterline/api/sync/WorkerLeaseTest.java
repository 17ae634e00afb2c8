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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue under pressure: workers racing, a worker killed mid-run, a chunk posted twice. */
@QuarkusTest
class WorkerLeaseTest {

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

    private static Response claim(String worker) {
        return as(Tokens.syncWorker()).body(Map.of("workerId", worker)).post("/api/v1/worker/claims");
    }

    private static Map<String, Object> chunk(String id, String sourcedId) {
        return Map.of("chunkId", id, "collection", "users", "upserts", List.of(Map.of("sourcedId", sourcedId, "hash", "00ff00ff00ff00ff",
                "status", "active", "role", "student", "givenName", "Ana", "familyName", "Lopez")), "deletes", List.of());
    }

    @Test
    void two_workers_racing_for_one_district_never_run_it_twice() throws Exception {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 100, "oauth2", "ONEROSTER_API")) {
            // A manual run and a nightly run of the same district are both due.
            as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "MANUAL_IMPORT")).post("/api/v1/districts/" + f.district + "/runs")
                    .then().statusCode(202);
            f.sql("UPDATE district SET schedule_mode = 'LIVE', timezone = 'UTC', window_start = '00:00', window_end = '23:59' WHERE id = ?", f.district);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<Response>> claims = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String worker = "racer-" + i;
                claims.add(() -> claim(worker));
            }
            List<String> claimedRuns = new ArrayList<>();
            for (Future<Response> r : pool.invokeAll(claims)) {
                Response response = r.get();
                if (response.statusCode() == 200 && f.district.toString().equals(response.path("districtId"))) {
                    claimedRuns.add(response.path("runId"));
                }
            }
            pool.shutdown();
            assertEquals(1, claimedRuns.size(), "exactly one worker holds the district");
            assertEquals(1, f.count("SELECT count(*) FROM sync_run WHERE district_id = ? AND status = 'RUNNING'", f.district));
            assertEquals(1, f.count("SELECT count(*) FROM sync_run WHERE district_id = ? AND status = 'QUEUED'", f.district));
            f.sql("UPDATE district SET schedule_mode = 'PAUSED' WHERE id = ?", f.district);
            f.sql("UPDATE sync_run SET status = 'FAILED', lease_token = NULL WHERE district_id = ? AND status IN ('RUNNING', 'QUEUED')", f.district);
        }
    }

    @Test
    void a_worker_killed_mid_run_leaves_nothing_half_applied_and_the_retry_starts_clean() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 150, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            UUID run = UUID.fromString(as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "SYNC_LICENSES"))
                    .post("/api/v1/districts/" + f.district + "/runs").then().statusCode(202).extract().path("id"));
            Instant start = Instant.now();
            clock.setTo(start);

            // The first worker claims, reads its source, posts a chunk twice (idempotent), then dies.
            Response claimed = claim("doomed-worker");
            claimed.then().statusCode(200).body("runId", equalTo(run.toString())).body("attempt", equalTo(1));
            String lease = claimed.path("leaseToken");
            as(Tokens.syncWorker()).header("Lease-Token", lease).get("/api/v1/worker/runs/" + run + "/source").then().statusCode(200)
                    .body("platform", equalTo("ONEROSTER_API")).body("settings.client-secret", equalTo(f.sis.clientSecret()))
                    .body("schoolSourcedIds.size()", equalTo(f.schools.size()));
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(chunk("users-00000", "ghost-1"))
                    .post("/api/v1/worker/runs/" + run + "/chunks").then().statusCode(200).body("duplicate", equalTo(false));
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(chunk("users-00000", "ghost-1"))
                    .post("/api/v1/worker/runs/" + run + "/chunks").then().statusCode(200).body("duplicate", equalTo(true));
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(Map.of("phase", "users", "done", 40000, "total", 170000))
                    .post("/api/v1/worker/runs/" + run + "/heartbeat").then().statusCode(200);
            as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/runs/" + run).then().statusCode(200)
                    .body("status", equalTo("RUNNING")).body("progress.text", equalTo("users 40,000 of 170,000"));
            assertEquals(1, f.count("SELECT count(*) FROM staged_user WHERE run_id = ?", run));
            assertEquals(0, f.count("SELECT count(*) FROM roster_user WHERE district_id = ?", f.district), "nothing applied mid-run");

            // Its lease runs out; the next claim hands the run to another worker, clean.
            clock.setTo(start.plus(Duration.ofMinutes(3)));
            List<SyncEngine.Outcome> retry = f.runWorker();
            assertEquals(1, retry.size());
            assertTrue(retry.get(0).succeeded(), () -> retry.get(0).error());
            assertEquals(2, retry.get(0).claim().attempt());
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(chunk("users-00001", "ghost-2"))
                    .post("/api/v1/worker/runs/" + run + "/chunks").then().statusCode(409);

            SyncFixture.Expected truth = f.expected();
            as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/runs/" + run).then().statusCode(200)
                    .body("status", equalTo("APPLIED")).body("attempt", equalTo(2))
                    .body("counts.users.added", equalTo(truth.people().size()));
            assertEquals(0, f.count("SELECT count(*) FROM roster_user WHERE district_id = ? AND sourced_id LIKE 'ghost-%'", f.district));
            assertEquals(truth.students(), f.holders(f.studentProduct, "ROSTERED"));
            // The history tells the lost attempt: which worker held it and that the run was queued again.
            as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/audit").then().statusCode(200)
                    .body("items.findAll { it.action == 'run.lease-expired' }.size()", equalTo(1))
                    .body("items.find { it.action == 'run.lease-expired' }.entityId", equalTo(run.toString()))
                    .body("items.find { it.action == 'run.lease-expired' }.before.workerId", equalTo("doomed-worker"))
                    .body("items.find { it.action == 'run.lease-expired' }.before.attempt", equalTo(1))
                    .body("items.find { it.action == 'run.lease-expired' }.after.status", equalTo("QUEUED"));
        }
    }

    @Test
    void a_completion_repeated_because_its_answer_was_lost_gets_the_run_as_completed_not_a_lost_lease() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 30, "oauth2", "ONEROSTER_API")) {
            UUID run = UUID.fromString(as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "MANUAL_IMPORT"))
                    .post("/api/v1/districts/" + f.district + "/runs").then().statusCode(202).extract().path("id"));
            Response claimed = claim("unlucky-worker");
            claimed.then().statusCode(200).body("runId", equalTo(run.toString()));
            String lease = claimed.path("leaseToken");
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(chunk("users-00000", "u-1"))
                    .post("/api/v1/worker/runs/" + run + "/chunks").then().statusCode(200);
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(Map.of("readReport", Map.of("errors", 0)))
                    .post("/api/v1/worker/runs/" + run + "/complete").then().statusCode(200).body("status", equalTo("STAGED"));
            String stagedAt = as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/runs/" + run).path("stagedAt");

            // The worker never saw that answer (roster-api died after committing): it repeats both calls with its lease.
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(Map.of("readReport", Map.of("errors", 0)))
                    .post("/api/v1/worker/runs/" + run + "/complete").then().statusCode(200)
                    .body("status", equalTo("STAGED")).body("stagedAt", equalTo(stagedAt));
            as(Tokens.syncWorker()).header("Lease-Token", lease).body(Map.of("error", "gave up after the lost answer"))
                    .post("/api/v1/worker/runs/" + run + "/fail").then().statusCode(204);
            as(Tokens.districtAdmin(f.district)).get("/api/v1/districts/" + f.district + "/runs/" + run).then().statusCode(200)
                    .body("status", equalTo("STAGED")).body("error", org.hamcrest.Matchers.nullValue());
            assertEquals(1, f.count("SELECT count(*) FROM staged_user WHERE run_id = ?", run), "the repeat changed nothing");

            // Any other lease is still refused.
            as(Tokens.syncWorker()).header("Lease-Token", UUID.randomUUID().toString()).body(Map.of("readReport", Map.of()))
                    .post("/api/v1/worker/runs/" + run + "/complete").then().statusCode(409);
            f.sql("UPDATE sync_run SET status = 'FAILED' WHERE id = ?", run);
        }
    }

    @Test
    void a_worker_without_a_valid_lease_is_refused_and_others_cannot_use_the_worker_endpoints() {
        as(Tokens.syncWorker()).header("Lease-Token", UUID.randomUUID().toString())
                .get("/api/v1/worker/runs/" + UUID.randomUUID() + "/source").then().statusCode(404);
        as(Tokens.support()).body(Map.of("workerId", "impostor")).post("/api/v1/worker/claims").then().statusCode(403);
    }
}
