package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.rosterline.devstack.ManagedProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full sync by a real sync-worker process while the sandbox SIS misbehaves through its fault switches: the district
 * still ends exactly as the sandbox's model says. Each case also proves the fault really happened (the sandbox's own
 * counters), so a switch that silently did nothing cannot pass.
 */
@ExtendWith(RunningStack.class)
class FaultySisDuringSyncIT {

    /**
     * A fault, its switches (sis-sandbox/README.md, Fault switches), the sandbox counter that proves it struck and how
     * far that counter must have moved.
     */
    enum SisFault {
        HTTP_429_BURSTS("{\"http429Burst\":3,\"http429Every\":5,\"retryAfterSeconds\":1}", "fault.429", 1),
        HTTP_503S("{\"http503Burst\":2,\"http503Every\":4}", "fault.503", 1),
        SLOW_PAGES("{\"delayMs\":400}", "fault.delay", 1),
        PAGES_CUT_SHORT("{\"shortPageEvery\":2,\"maxLimit\":200}", "fault.shortPage", 1),
        CONNECTION_RESETS("{\"resetEvery\":4}", "fault.reset", 1),
        // Tokens live 2 s and every page takes 300 ms: the token issued at the start expires mid-run, so at least one
        // more must be issued (the connector renews before expiry; a token used past it would count auth.bearer.rejected).
        TOKEN_EXPIRING_MID_RUN("{\"tokenTtlSeconds\":2,\"delayMs\":300}", "auth.token.issued", 2);

        final String switches;
        final String counter;
        final long minimumStrikes;

        SisFault(String switches, String counter, long minimumStrikes) {
            this.switches = switches;
            this.counter = counter;
            this.minimumStrikes = minimumStrikes;
        }
    }

    private static ReferenceResult reference;
    private static ManagedProcess worker;
    private LicensedDistrict district;

    @BeforeAll
    static void referenceAndWorker() {
        reference = ReferenceResult.fromSandbox();
        worker = Workers.daemon("faulty-sis");
    }

    @AfterAll
    static void stopWorker() {
        if (worker != null && worker.isAlive()) {
            worker.close();
        }
    }

    @AfterEach
    void faultsOff() {
        Sandbox.clearFaults();
        if (district != null) {
            Cleanup.unfinishedRuns(district);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SisFault.class)
    @DisplayName("Given a licensed district, when the SIS misbehaves during a full sync, then the district matches the reference")
    void fullSyncThroughAFaultySis(SisFault fault) {
        String caseName = "sis-fault-" + fault.name().toLowerCase().replace('_', '-');
        district = LicensedDistrict.create(caseName, reference);
        long struckBefore = Sandbox.stat(fault.counter);
        long rejectedBefore = Sandbox.stat("auth.bearer.rejected");
        Sandbox.faults(fault.switches);
        UUID run = district.requestSync();

        JsonNode finished = FaultCaseVerdict.awaitFinished(district, run, Duration.ofSeconds(150));
        long struck = Sandbox.stat(fault.counter) - struckBefore;
        long rejected = Sandbox.stat("auth.bearer.rejected") - rejectedBefore;
        Sandbox.clearFaults();
        assertEquals("APPLIED", finished.path("status").asText(), finished.toString());
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("fault", fault.name());
        notes.put("switches", fault.switches);
        notes.put(fault.counter, struck);
        notes.put("bearerTokensRejected", rejected);
        FaultCaseVerdict.verify(caseName, district, reference, run, 1, notes);
        assertTrue(struck >= fault.minimumStrikes, "the fault struck during the sync (" + fault.counter + " +" + struck
                + ", at least " + fault.minimumStrikes + " expected)");
    }
}
