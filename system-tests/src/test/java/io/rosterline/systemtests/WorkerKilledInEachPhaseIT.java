package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.rosterline.devstack.ManagedProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged sync-worker killed with SIGKILL in each phase of a run: reading the SIS, posting chunks, completing,
 * applying. Each phase is recognised from outside, the way an operator would see it: the run's progress on the API's run
 * resource, the chunks staged in the database, the sandbox's request counters, and roster-api's session waiting in
 * PostgreSQL. Killed before it completed, the run's lease expires and a fresh worker process runs it again from a clean
 * start; killed after it handed the completion to roster-api, roster-api finishes it alone. Either way the district
 * ends exactly as the sandbox's own model says, applied once.
 */
class WorkerKilledInEachPhaseIT extends FaultCase {

    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    /** The collections whose chunks come last and most: a worker reporting one of them is in the middle of posting. */
    static final Set<String> BULK_COLLECTIONS = Set.of("enrollments", "users");

    private ManagedProcess worker;

    @Test
    @DisplayName("Given a licensed district, when its worker is killed while reading the SIS, then the lease expires, a fresh worker runs it again from a clean start and the district matches the reference")
    void killedWhileReading() {
        district = LicensedDistrict.create("worker-killed-reading", reference);
        // Slow pages: the SIS's first page takes 1.5 s, long enough to be seen reading with nothing posted yet.
        Sandbox.faults("{\"delayMs\":1500}");
        long requestsBefore = Sandbox.stat("group.oneroster-v1p1");
        UUID run = district.requestSync();
        worker = daemonWorker("killed-reading");

        Map<String, Object> atKill = Poll.until("the worker reading the SIS, nothing posted yet", PHASE_TIMEOUT, Duration.ofMillis(50), () -> {
            JsonNode view = district.run(run);
            boolean reading = view.path("status").asText().equals("RUNNING") && chunks(run) == 0
                    && Sandbox.stat("group.oneroster-v1p1") > requestsBefore;
            return reading ? java.util.Optional.of(snapshot(view, run)) : java.util.Optional.empty();
        });
        worker.kill();

        finishWithAFreshWorker("worker-killed-reading", run, "reading", atKill);
    }

    @Test
    @DisplayName("Given a licensed district, when its worker is killed while posting chunks, then the half-staged run is cleared, retried by a fresh worker and the district matches the reference")
    void killedWhilePostingChunks() {
        district = LicensedDistrict.create("worker-killed-posting-chunks", reference);
        Sandbox.faults("{\"delayMs\":300}");
        UUID run = district.requestSync();
        worker = daemonWorker("killed-posting");

        Map<String, Object> atKill = Poll.until("the worker posting chunks mid-run", PHASE_TIMEOUT, Duration.ofMillis(50), () -> {
            JsonNode view = district.run(run);
            boolean posting = view.path("status").asText().equals("RUNNING") && chunks(run) >= 5
                    && BULK_COLLECTIONS.contains(view.path("progress").path("phase").asText());
            return posting ? java.util.Optional.of(snapshot(view, run)) : java.util.Optional.empty();
        });
        worker.kill();
        assertTrue((long) atKill.get("stagedRows") > 0, "rows were staged when the worker died: " + atKill);

        finishWithAFreshWorker("worker-killed-posting-chunks", run, "posting chunks", atKill);
    }

    @Test
    @DisplayName("Given a licensed district, when its worker is killed while roster-api completes the run, then roster-api finishes the completion alone and the district matches the reference, applied once")
    void killedWhileCompleting() {
        district = LicensedDistrict.create("worker-killed-completing", reference);
        UUID run = district.requestSync();
        Map<String, Object> atKill;
        // The district row held by another session (NO KEY UPDATE: rows referring to the district can still be written
        // while the worker reads): the completion the worker started waits at the apply's district lock, staged but not
        // yet applied, while the worker is killed.
        try (RowLock ignored = RowLock.hold("SELECT 1 FROM district WHERE id = ? FOR NO KEY UPDATE", district.id())) {
            worker = daemonWorker("killed-completing");
            atKill = Poll.until("roster-api completing the run for the worker", PHASE_TIMEOUT, Duration.ofMillis(100), () -> {
                JsonNode view = district.run(run);
                boolean completing = view.path("status").asText().equals("RUNNING")
                        && view.path("progress").path("phase").asText().equals("complete")
                        && RowLock.someoneWaitsIn("FROM district WHERE id");
                return completing ? java.util.Optional.of(snapshot(view, run)) : java.util.Optional.empty();
            });
            worker.kill();
        }

        JsonNode finished = FaultCaseVerdict.awaitFinished(district, run, RUN_TIMEOUT);
        assertEquals("APPLIED", finished.path("status").asText(), finished.toString());
        atKill.put("phase", "completing");
        atKill.put("recoveredBy", "roster-api (the completion was already in its hands)");
        FaultCaseVerdict.verify("worker-killed-completing", district, reference, run, 1, atKill);
    }

    @Test
    @DisplayName("Given a licensed district, when its worker is killed while roster-api applies the run, then the apply commits whole and the district matches the reference, applied once")
    void killedWhileApplying() {
        district = LicensedDistrict.create("worker-killed-applying", reference);
        UUID run = district.requestSync();
        Map<String, Object> atKill;
        // The teacher product's row held by another session: the apply has promoted the roster and matched the accounts
        // (uncommitted) and waits at its first license assignment while the worker is killed.
        try (RowLock ignored = RowLock.hold("SELECT 1 FROM product WHERE id = ? FOR UPDATE", district.teacherProduct())) {
            worker = daemonWorker("killed-applying");
            atKill = Poll.until("roster-api applying the run", PHASE_TIMEOUT, Duration.ofMillis(100), () -> {
                JsonNode view = district.run(run);
                boolean applying = view.path("status").asText().equals("RUNNING")
                        && RowLock.someoneWaitsIn("INSERT INTO license_assignment");
                return applying ? java.util.Optional.of(snapshot(view, run)) : java.util.Optional.empty();
            });
            worker.kill();
            assertEquals(0, StackDatabase.count("SELECT count(*) FROM account WHERE district_id = ?", district.id()),
                    "nothing of the apply is visible before it commits");
        }

        JsonNode finished = FaultCaseVerdict.awaitFinished(district, run, RUN_TIMEOUT);
        assertEquals("APPLIED", finished.path("status").asText(), finished.toString());
        atKill.put("phase", "applying");
        atKill.put("recoveredBy", "roster-api (the apply was already in its hands)");
        FaultCaseVerdict.verify("worker-killed-applying", district, reference, run, 1, atKill);
    }

    /** A fresh worker process takes over once the killed one's lease has expired; the run is applied on its second attempt. */
    private void finishWithAFreshWorker(String caseName, UUID run, String phase, Map<String, Object> atKill) {
        Sandbox.clearFaults();
        long killedAt = System.nanoTime();
        ManagedProcess freshWorker = daemonWorker(caseName.replace("worker-", "") + "-fresh");
        JsonNode finished = FaultCaseVerdict.awaitFinished(district, run, RUN_TIMEOUT);
        atKill.put("phase", phase);
        atKill.put("secondsFromKillToFinished", (System.nanoTime() - killedAt) / 1_000_000_000.0);
        atKill.put("recoveredBy", "a fresh sync-worker process after the lease expired");
        assertEquals("APPLIED", finished.path("status").asText(), finished.toString());
        FaultCaseVerdict.verify(caseName, district, reference, run, 2, atKill);
    }

    static long chunks(UUID run) {
        return StackDatabase.count("SELECT count(*) FROM sync_chunk WHERE run_id = ?", run);
    }

    /** What the run looked like the moment the worker was killed. */
    static Map<String, Object> snapshot(JsonNode view, UUID run) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("statusAtKill", view.path("status").asText());
        at.put("progressAtKill", view.path("progress").path("text").asText(null));
        at.put("attemptAtKill", view.path("attempt").asInt());
        at.put("chunksAtKill", chunks(run));
        long staged = 0;
        for (String table : new String[]{"staged_org", "staged_session", "staged_course", "staged_class", "staged_user", "staged_enrollment"}) {
            staged += StackDatabase.count("SELECT count(*) FROM " + table + " WHERE run_id = ?", run);
        }
        at.put("stagedRows", staged);
        return at;
    }
}
