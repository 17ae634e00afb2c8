package io.rosterline.systemtests;

import io.rosterline.devstack.ManagedProcess;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The packaged sync-worker as real OS processes against the stack, started by dev-stack the way the local run starts
 * its daemon. Heartbeats every second (the test stack's lease is 10 s, see {@link RunningStack}), polling every second,
 * and chunks of 250 rows so that a run posts many of them.
 */
final class Workers {

    static final Map<String, String> TEST_SETTINGS = Map.of(
            "ROSTERLINE_WORKER_HEARTBEAT", "1s",
            "ROSTERLINE_WORKER_POLL", "1s",
            "ROSTERLINE_WORKER_CHUNK_SIZE", "250");
    private static final AtomicInteger STARTED = new AtomicInteger();

    private Workers() {
    }

    /** A daemon: polls for due runs until it is stopped (close) or killed. */
    static ManagedProcess daemon(String caseName) {
        return start(caseName, "daemon");
    }

    /** A CronJob-style worker: runs whatever is due, then exits. */
    static ManagedProcess once(String caseName) {
        return start(caseName, "once");
    }

    private static ManagedProcess start(String caseName, String mode) {
        return RunningStack.stack().startSyncWorker("sync-worker-" + caseName + "-" + STARTED.incrementAndGet(), mode, TEST_SETTINGS);
    }
}
