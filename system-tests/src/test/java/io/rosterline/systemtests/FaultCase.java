package io.rosterline.systemtests;

import io.rosterline.devstack.ManagedProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

/**
 * One fault case on the shared stack: the reference from the sandbox's model, the district the case creates, and the
 * worker processes it starts. After each case the sandbox's faults are off, the case's workers are stopped and any run
 * it left unfinished is failed, so the next case starts from a quiet stack.
 */
@ExtendWith(RunningStack.class)
abstract class FaultCase {

    protected static ReferenceResult reference;
    protected LicensedDistrict district;
    private final List<ManagedProcess> startedWorkers = new ArrayList<>();

    @BeforeAll
    static void referenceFromTheSandbox() {
        reference = ReferenceResult.fromSandbox();
    }

    /** A sync-worker daemon process, stopped after the case. */
    protected ManagedProcess daemonWorker(String name) {
        ManagedProcess worker = Workers.daemon(name);
        startedWorkers.add(worker);
        return worker;
    }

    @AfterEach
    void quietStack() {
        Sandbox.clearFaults();
        startedWorkers.stream().filter(ManagedProcess::isAlive).forEach(ManagedProcess::close);
        startedWorkers.clear();
        if (district != null) {
            Cleanup.unfinishedRuns(district);
        }
    }
}
