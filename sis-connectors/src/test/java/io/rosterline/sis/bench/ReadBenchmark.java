package io.rosterline.sis.bench;

import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.csv.OneRosterCsvReader;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput and peak heap of reading ~1M enrollments over OneRoster REST (from the embedded sandbox SIS) and from a
 * OneRoster CSV zip. Not a unit test: run it as a program (see sis-connectors/README.md), with -Xmx256m to prove
 * the heap bound. The REST figure includes the sandbox serving the data in the same JVM and on the same cores; it is
 * measured on three full reads after two that warm up the JIT, and the median is printed.
 *
 * <p>Arguments: [students (default 140000, about 1.03M enrollments)] [page size (default 1000)]
 */
public final class ReadBenchmark {

    public static void main(String[] args) throws Exception {
        int students = args.length > 0 ? Integer.parseInt(args[0]) : 140_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.out.printf("JVM: %d processors, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        Path zip = Files.createTempFile("rosterline-bench", ".zip");
        try (SandboxSis sandbox = SandboxSis.start(SandboxSis.Config.defaults().students(students).threads(2))) {
            long expected = sandbox.expectedSummary().get("enrollments").total();
            System.out.printf("Sandbox district: %d students, %d enrollments%n", students, expected);
            OneRosterRestReader rest = new OneRosterRestReader(new OneRosterRestReader.Config(
                    URI.create(sandbox.oneRoster11Url()),
                    new OAuth2ClientCredentials(URI.create(sandbox.tokenUrl()), sandbox.clientId(), sandbox.clientSecret(),
                            null, OAuth2ClientCredentials.ClientAuth.BASIC_HEADER,
                            new SisHttp(HttpSettings.defaults(), "token")),
                    pageSize, HttpSettings.defaults(), OneRosterRestReader.Version.V1P1));
            // Warm-up: two untimed full reads, so that the JIT compiling the hot paths of both sides is not measured
            // as reading (on 2 shared cores the C2 compiler took ~5 CPU-s in a cold run, and after one warm-up read
            // the first measured one still ran ~1.5 CPU-s above the steady state that a long sync sees).
            for (int warmUp = 0; warmUp < 2; warmUp++) {
                rest.read(RosterCollection.ENROLLMENTS, null, r -> { }, new ReadReport());
            }
            List<Double> rates = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                rates.add(measure("REST  (OneRoster 1.1, page " + pageSize + ") run " + run, expected,
                        counter -> rest.read(RosterCollection.ENROLLMENTS, null, r -> counter.incrementAndGet(), new ReadReport())));
            }
            System.out.printf("REST  median of %d runs: %,.0f records/s%n", RUNS, median(rates));
            sandbox.writeCsvZip(zip, false);
            System.out.printf("CSV zip written: %d MB%n", Files.size(zip) / (1024 * 1024));
        }
        long expectedCsv;
        try (OneRosterCsvReader csv = OneRosterCsvReader.open(zip)) {
            AtomicLong n = new AtomicLong();
            csv.read(RosterCollection.ENROLLMENTS, null, r -> n.incrementAndGet(), new ReadReport());
            expectedCsv = n.get();
        }
        List<Double> csvRates = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            csvRates.add(measure("CSV   (OneRoster 1.1 zip) run " + run, expectedCsv, counter -> {
                try (OneRosterCsvReader csv = OneRosterCsvReader.open(zip)) {
                    csv.read(RosterCollection.ENROLLMENTS, null, r -> counter.incrementAndGet(), new ReadReport());
                }
            }));
        }
        System.out.printf("CSV   median of %d runs: %,.0f records/s%n", RUNS, median(csvRates));
        Files.deleteIfExists(zip);
        // SmallRye Fault Tolerance (standalone) keeps a non-daemon timer thread; without this the JVM never exits.
        StandaloneFaultTolerance.shutdown();
    }

    /** Measured reads per source: the machine is shared, so one run says little; the median of three says more. */
    private static final int RUNS = 3;

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** @return wall-clock records per second */
    private static double measure(String label, long expected, java.util.function.Consumer<AtomicLong> read) {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        AtomicLong count = new AtomicLong();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long threadCpuStart = threads.getCurrentThreadCpuTime();
        long processCpuStart = os.getProcessCpuTime();
        read.accept(count);
        double seconds = (System.nanoTime() - start) / 1e9;
        double readerCpu = (threads.getCurrentThreadCpuTime() - threadCpuStart) / 1e9;
        double processCpu = (os.getProcessCpuTime() - processCpuStart) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        if (count.get() != expected) {
            throw new IllegalStateException(label + ": read " + count.get() + " but the source holds " + expected);
        }
        // Wall-clock throughput depends on what else runs on the machine; CPU seconds do not.
        System.out.printf("%s: %,d enrollments in %.2f s wall = %,.0f records/s; reading thread CPU %.2f s = %,.0f records/CPU-s;"
                        + " whole JVM CPU %.2f s; peak heap %d MB; system load %.1f%n", label, count.get(), seconds,
                count.get() / seconds, readerCpu, count.get() / readerCpu, processCpu, peak / (1024 * 1024),
                os.getSystemLoadAverage());
        return count.get() / seconds;
    }
}
