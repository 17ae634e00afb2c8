package io.rosterline.api.sync;

import io.rosterline.sync.engine.SyncEngine;

import java.util.List;

/**
 * The real worker engine for the safety tests. It used to retry a claim that the test server reset during the
 * HTTP/2 cleartext upgrade ("EOF reached while reading"); the engine's HttpWorkerApi speaks HTTP/1.1 only, so there is
 * no upgrade to reset and no retry: a failure is a failure.
 */
final class WorkerRuns {

    private WorkerRuns() {
    }

    static List<SyncEngine.Outcome> of(SyncFixture f) {
        return f.runWorker();
    }
}
