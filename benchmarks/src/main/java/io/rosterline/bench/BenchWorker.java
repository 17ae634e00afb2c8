package io.rosterline.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.rosterline.sync.engine.HttpWorkerApi;
import io.rosterline.sync.engine.SyncEngine;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The worker process of the benchmark: the real sync engine, run once; prints its outcome, its peak RSS and its peak
 * live heap (the most heap still in use after any collection: what the run really holds, unlike RSS, which grows with
 * whatever the collector chose to commit).
 */
public final class BenchWorker {

    private static final AtomicLong PEAK_LIVE_HEAP = new AtomicLong();

    /** The most heap in use right after a full collection forced every {@code bench.liveHeapEverySeconds} (0: none). */
    private static final AtomicLong PEAK_FULL_GC_HEAP = new AtomicLong(-1);

    public static void main(String[] args) {
        try {
            trackLiveHeap();
            sampleLiveHeap(Integer.getInteger("bench.liveHeapEverySeconds", 0));
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
        System.out.println("PEAK_LIVE_HEAP_KB=" + PEAK_LIVE_HEAP.get() / 1024);
        System.out.println("LIVE_HEAP_KB=" + (PEAK_FULL_GC_HEAP.get() < 0 ? -1 : PEAK_FULL_GC_HEAP.get() / 1024));
        System.out.println("CPU_MS=" + ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000);
        System.exit(ok ? 0 : 1);
    }

    /**
     * A profiling aid: a full collection every few seconds, and the heap still in use after it (the objects the run really
     * holds, with no garbage waiting for the next old-generation collection). It slows the run down, so the benchmark's
     * times are not taken with it.
     */
    private static void sampleLiveHeap(int everySeconds) {
        if (everySeconds <= 0) {
            return;
        }
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                try {
                    Thread.sleep(everySeconds * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
                System.gc();
                PEAK_FULL_GC_HEAP.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            }
        }, "live-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Heap in use after each collection, summed over the heap pools; the maximum is kept. */
    private static void trackLiveHeap() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                        MemoryUsage after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                        used += after == null ? 0 : after.getUsed();
                    }
                }
                PEAK_LIVE_HEAP.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }
}
