package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.rosterline.devstack.ManagedProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every connection roster-api holds to PostgreSQL terminated by the server (pg_terminate_backend, as a failover or a
 * network cut does) in the middle of a run: once while the worker posts chunks, once while roster-api applies. The
 * statements cut off are rolled back whole; the pool opens new connections; the run ends applied, once.
 */
class DatabaseConnectionDropIT extends FaultCase {

    private ManagedProcess worker;

    @Test
    @DisplayName("Given a licensed district, when every database connection is dropped while chunks are posted and again while the run is applied, then nothing is half-written and the district matches the reference, applied once")
    void connectionsDroppedWhilePostingAndWhileApplying() {
        district = LicensedDistrict.create("database-connections-dropped", reference);
        Map<String, Object> notes = new LinkedHashMap<>();
        UUID run = district.requestSync();
        try (RowLock applyHeld = RowLock.hold("SELECT 1 FROM product WHERE id = ? FOR UPDATE", district.teacherProduct())) {
            Sandbox.faults("{\"delayMs\":300}");
            worker = daemonWorker("database-drop");
            Poll.until("the worker posting chunks mid-run", Duration.ofSeconds(90), Duration.ofMillis(50), () -> {
                JsonNode view = district.run(run);
                return view.path("status").asText().equals("RUNNING") && WorkerKilledInEachPhaseIT.chunks(run) >= 5
                    && WorkerKilledInEachPhaseIT.BULK_COLLECTIONS.contains(view.path("progress").path("phase").asText())
                        ? Optional.of(true) : Optional.empty();
            });
            // The lock holder's own session is spared this first time: the apply must still wait for it below.
            int whilePosting = dropApiConnections();
            notes.put("connectionsDroppedWhilePosting", whilePosting);
            assertTrue(whilePosting > 0, "roster-api held connections to drop");
            Sandbox.clearFaults();

            Poll.until("roster-api applying the run", Duration.ofSeconds(90),
                    () -> RowLock.someoneWaitsIn("INSERT INTO license_assignment"));
            assertEquals(0, StackDatabase.count("SELECT count(*) FROM account WHERE district_id = ?", district.id()));
            int whileApplying = dropApiConnections();
            notes.put("connectionsDroppedWhileApplying", whileApplying);
            assertTrue(whileApplying > 0, "the applying session was dropped");
        }

        JsonNode finished = FaultCaseVerdict.awaitFinished(district, run, Duration.ofSeconds(120));
        assertEquals("APPLIED", finished.path("status").asText(), finished.toString());
        // The worker retries a completion answered 5xx (the apply's transaction was cut); if its retries ran out, the
        // lease expires and the run is done again: both end applied once, and the history says which.
        FaultCaseVerdict.verify("database-connections-dropped", district, reference, run, FaultCaseVerdict.Attempts.between(1, 2), notes);
    }

    /** Terminates every backend of the stack's database except this test's lock holders (they have application names). */
    private static int dropApiConnections() {
        return StackDatabase.strings("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? "
                        + "AND pid <> pg_backend_pid() AND application_name <> ?", RunningStack.stack().databaseName(), RowLock.APPLICATION_NAME)
                .stream().filter("t"::equals).toList().size();
    }
}
