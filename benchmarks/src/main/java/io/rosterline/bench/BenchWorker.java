package io.rosterline.bench;

import io.rosterline.sync.engine.HttpWorkerApi;
import io.rosterline.sync.engine.SyncEngine;

import java.nio.file.Path;
import java.time.Duration;

/** The worker process of the benchmark: the real sync engine, run once; prints its outcome and its peak RSS. */
public final class BenchWorker {

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(2);
        }
    }

    private static void run(String[] args) {
        String api = args[0];
        String token = args[1];
        var outcomes = new SyncEngine(new HttpWorkerApi(api, () -> token), new SyncEngine.Settings(5000, Duration.ofSeconds(10)))
                .runAllDue("bench-worker");
        boolean ok = !outcomes.isEmpty() && outcomes.stream().allMatch(SyncEngine.Outcome::succeeded);
        outcomes.forEach(o -> System.err.println("run " + o.claim().runId() + " " + (o.succeeded() ? "ok" : o.error())));
        System.out.println("PEAK_RSS_KB=" + Benchmark.peakRssKb(Path.of("/proc/self/status")));
        System.exit(ok ? 0 : 1);
    }
}
