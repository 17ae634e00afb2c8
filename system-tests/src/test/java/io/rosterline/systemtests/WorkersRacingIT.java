package io.rosterline.systemtests;

import io.rosterline.devstack.ManagedProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several sync-worker processes (the CronJob's "once" mode) started together against the same due districts. The queue's
 * claims (FOR UPDATE SKIP LOCKED, one RUNNING run per district) must hand each run to exactly one of them: every
 * district synced once per request, never applied twice, every final state equal to the reference.
 */
@ExtendWith(RunningStack.class)
class WorkersRacingIT {

    private static final int DISTRICTS = 3;
    private static ReferenceResult reference;
    private final List<ManagedProcess> workers = new ArrayList<>();
    private final List<LicensedDistrict> districts = new ArrayList<>();

    @BeforeAll
    static void referenceFromTheSandbox() {
        reference = ReferenceResult.fromSandbox();
    }

    @AfterEach
    void stopWorkers() {
        workers.stream().filter(ManagedProcess::isAlive).forEach(ManagedProcess::close);
        districts.forEach(Cleanup::unfinishedRuns);
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {2, 4})
    @DisplayName("Given three licensed districts with a Sync Licenses request each, when several worker processes race for them, then each district is synced exactly once and matches the reference")
    void workersRaceForTheSameDueDistricts(int workerCount) {
        String caseName = "workers-racing-" + workerCount;
        Map<UUID, UUID> runOfDistrict = new LinkedHashMap<>();
        for (int i = 1; i <= DISTRICTS; i++) {
            LicensedDistrict district = LicensedDistrict.create(caseName + "-" + i, reference);
            districts.add(district);
            runOfDistrict.put(district.id(), district.requestSync());
        }
        for (int i = 0; i < workerCount; i++) {
            workers.add(Workers.once(caseName));
        }
        List<Integer> exitCodes = new ArrayList<>();
        for (ManagedProcess worker : workers) {
            OptionalInt exit = worker.awaitExit(Duration.ofSeconds(180));
            assertTrue(exit.isPresent(), worker + " still runs after 3 minutes");
            exitCodes.add(exit.getAsInt());
        }
        assertEquals(List.of(0), exitCodes.stream().distinct().toList(), "every worker exits 0 (all its runs succeeded): " + exitCodes);

        long claimedRuns = 0;
        for (LicensedDistrict district : districts) {
            UUID run = runOfDistrict.get(district.id());
            Map<String, Object> notes = new LinkedHashMap<>();
            notes.put("workers", workerCount);
            notes.put("districts", DISTRICTS);
            notes.put("workerExitCodes", exitCodes);
            FaultCaseVerdict.verify(caseName + "-district-" + (districts.indexOf(district) + 1), district, reference, run, 1, notes);
            claimedRuns += StackDatabase.count("SELECT count(*) FROM sync_run WHERE district_id = ? AND apply_seq IS NOT NULL", district.id());
        }
        assertEquals(DISTRICTS, claimedRuns, "one applied run per district, each with its own apply sequence number");
    }
}
