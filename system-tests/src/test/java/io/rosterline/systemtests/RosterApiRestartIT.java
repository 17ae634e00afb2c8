package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.rosterline.devstack.ManagedProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * roster-api killed with SIGKILL in the middle of a run and started again (the same packaged jar, ports and database),
 * while a real sync-worker daemon works on the run. What the dead API had not committed is gone with it. The worker
 * keeps retrying its call until the API is back: within the lease the run goes on where it was (chunks are idempotent,
 * a completion that never committed is simply sent again); past the lease it is claimed again from a clean start.
 * Before the worker retried that long, a restart of a few seconds ended the run FAILED.
 */
class RosterApiRestartIT extends FaultCase {

    private ManagedProcess worker;

    @Test
    @DisplayName("Given a licensed district, when roster-api is killed while it applies the run and is started again, then nothing of the apply remains, the run is retried and the district matches the reference")
    void killedWhileApplying() {
        district = LicensedDistrict.create("roster-api-killed-applying", reference);
        UUID run = district.requestSync();
        Map<String, Object> atKill;
        long downFor;
        // Held at its first license assignment (the product's row is locked by another session): the apply has promoted
        // the roster and matched the accounts, all uncommitted, when roster-api dies.
        try (RowLock ignored = RowLock.hold("SELECT 1 FROM product WHERE id = ? FOR UPDATE", district.teacherProduct())) {
            worker = daemonWorker("api-killed-applying");
            atKill = Poll.until("roster-api applying the run", Duration.ofSeconds(90), Duration.ofMillis(100), () -> {
                JsonNode view = district.run(run);
                return view.path("status").asText().equals("RUNNING") && RowLock.someoneWaitsIn("INSERT INTO license_assignment")
                        ? Optional.of(WorkerKilledInEachPhaseIT.snapshot(view, run)) : Optional.empty();
            });
            RunningStack.stack().killRosterApi();
        }
        // The dead API's session dies with its next statement; nothing it wrote was committed.
        Poll.until("the killed API's transaction to be rolled back", Duration.ofSeconds(30),
                () -> !RowLock.someoneWaitsIn("INSERT INTO license_assignment")
                        && StackDatabase.count("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND state = 'active' "
                        + "AND pid <> pg_backend_pid()", RunningStack.stack().databaseName()) == 0);
        assertEquals(0, StackDatabase.count("SELECT count(*) FROM account WHERE district_id = ?", district.id()),
                "no account of the half-done apply was committed");
        assertEquals(0, StackDatabase.count("SELECT count(*) FROM roster_enrollment WHERE district_id = ?", district.id()),
                "no roster row of the half-done apply was committed");
        long restarted = System.nanoTime();
        RunningStack.stack().startRosterApiAgain();
        downFor = (System.nanoTime() - restarted) / 1_000_000;

        JsonNode finished = FaultCaseVerdict.awaitFinished(district, run, Duration.ofSeconds(150));
        assertEquals("APPLIED", finished.path("status").asText(), finished.toString());
        atKill.put("phase", "applying");
        atKill.put("apiStartMillis", downFor);
        atKill.put("secondsFromRestartToApplied", (System.nanoTime() - restarted) / 1_000_000_000.0);
        atKill.put("recoveredBy", recoveredBy(finished));
        // The worker keeps retrying its completion while the API is away: back within the lease, the retried completion
        // applies the run on its first claim; back later, the lease has expired and the run is claimed again.
        FaultCaseVerdict.verify("roster-api-killed-applying", district, reference, run, FaultCaseVerdict.Attempts.between(1, 2), atKill);
    }

    @Test
    @DisplayName("Given a licensed district, when roster-api is killed while the worker posts chunks and is started again, then the run is retried from a clean start and the district matches the reference")
    void killedWhileChunksArePosted() {
        district = LicensedDistrict.create("roster-api-killed-posting-chunks", reference);
        Sandbox.faults("{\"delayMs\":300}");
        UUID run = district.requestSync();
        worker = daemonWorker("api-killed-posting");
        Map<String, Object> atKill = Poll.until("the worker posting chunks mid-run", Duration.ofSeconds(90), Duration.ofMillis(50), () -> {
            JsonNode view = district.run(run);
            return view.path("status").asText().equals("RUNNING") && WorkerKilledInEachPhaseIT.chunks(run) >= 5
                    && WorkerKilledInEachPhaseIT.BULK_COLLECTIONS.contains(view.path("progress").path("phase").asText())
                    ? Optional.of(WorkerKilledInEachPhaseIT.snapshot(view, run)) : Optional.empty();
        });
        long killed = System.nanoTime();
        RunningStack.stack().restartRosterApi();
        atKill.put("apiDownMillis", (System.nanoTime() - killed) / 1_000_000);
        Sandbox.clearFaults();

        JsonNode finished = FaultCaseVerdict.awaitFinished(district, run, Duration.ofSeconds(150));
        assertEquals("APPLIED", finished.path("status").asText(), finished.toString());
        atKill.put("phase", "posting chunks");
        atKill.put("secondsFromKillToApplied", (System.nanoTime() - killed) / 1_000_000_000.0);
        atKill.put("recoveredBy", recoveredBy(finished));
        // The worker keeps retrying the chunk while the API is away: back within the lease, the first attempt goes on;
        // back later, the lease has expired and the run is claimed again from a clean start.
        FaultCaseVerdict.verify("roster-api-killed-posting-chunks", district, reference, run, FaultCaseVerdict.Attempts.between(1, 2), atKill);
    }

    private static String recoveredBy(JsonNode finished) {
        return finished.path("attempt").asInt() == 1
                ? "the same sync-worker daemon, retrying its call until roster-api was back (within the lease)"
                : "the same sync-worker daemon, claiming the run again after the lease of the lost attempt expired";
    }
}
