package io.rosterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rosterline.sandbox.SandboxSis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue 9: district admins browsing the checklist pages while a sync of the same district posts its differences.
 *
 * <p>One database, two districts seeded alike from the same sandbox: district A's full first sync runs with nobody
 * browsing (the reference), then district B's with {@code admins} virtual district admins of B (tokens signed by the
 * harness, role district-admin, B in the {@code districts} claim) looping over the pages' GET endpoints with think
 * times of 100-500 ms, from the moment B's run is requested until it is applied. Every request counts: an error is a
 * non-2xx answer or no answer within {@link #TIMEOUT}. Figures are printed and written to benchmarks/results/load.json.
 */
final class LoadTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The GET endpoints behind the checklist pages (dashboard, district, credentials, schools, courses, licenses, imports, audit). */
    private static final List<String> ENDPOINTS = List.of(
            "/api/v1/me",
            "/api/v1/districts/{districtId}",
            "/api/v1/districts/{districtId}/checklist",
            "/api/v1/districts/{districtId}/credentials",
            "/api/v1/districts/{districtId}/schools?page=0&size=50",
            "/api/v1/districts/{districtId}/courses?page=0&size=50",
            "/api/v1/products?includeInactive=false",
            "/api/v1/districts/{districtId}/license-pools",
            "/api/v1/districts/{districtId}/sticky-licenses",
            "/api/v1/districts/{districtId}/terms",
            "/api/v1/districts/{districtId}/schedule",
            "/api/v1/districts/{districtId}/readiness",
            "/api/v1/districts/{districtId}/runs?page=0&size=20",
            "/api/v1/districts/{districtId}/runs/{runId}",
            "/api/v1/districts/{districtId}/runs/{runId}/staged",
            "/api/v1/districts/{districtId}/audit?page=0&size=50",
            "/api/v1/districts/{districtId}/notifications?page=0&size=20");

    private final Benchmark bench;
    private final Benchmark.Size size;
    private final String apiJar;
    private final String classpath;
    private final int admins;

    LoadTest(Benchmark bench, Benchmark.Size size, String apiJar, String classpath, int admins) {
        this.bench = bench;
        this.size = size;
        this.apiJar = apiJar;
        this.classpath = classpath;
        this.admins = admins;
    }

    void run() throws Exception {
        String db = Benchmark.createDatabase();
        UUID quiet = UUID.randomUUID();
        UUID browsed = UUID.randomUUID();
        Process api = null;
        try (SandboxSis sis = SandboxSis.start(SandboxSis.Config.defaults().students(Benchmark.students(size)).threads(4))) {
            int port = Benchmark.freePort();
            String apiUrl = "http://127.0.0.1:" + port;
            api = bench.startApi(apiJar, db, port, "load-" + size.name());
            bench.apiPid = api.pid();
            Benchmark.waitReady(apiUrl + "/q/health/ready");
            for (UUID district : List.of(quiet, browsed)) {
                bench.seed(Benchmark.PG + db, district, sis);
                bench.connect(apiUrl, district, sis);
            }
            double withoutLoad = bench.syncOnce(apiUrl, quiet, classpath, size, "sync, nobody browsing", id -> {
            });
            Load load = new Load(apiUrl, browsed);
            double withLoad;
            try {
                withLoad = bench.syncOnce(apiUrl, browsed, classpath, size, "sync, " + admins + " admins", load::start);
            } catch (RuntimeException failed) {
                // What the admins saw is still worth reading; no load.json is written for a sync that did not apply.
                load.stop();
                perEndpoint(load);
                throw failed;
            } finally {
                load.stop();
            }
            long enrollments = bench.lastRun.path("counts").path("enrollments").path("total").asLong(size.enrollments());
            report(load, enrollments, withLoad, withoutLoad);
        } finally {
            if (api != null) {
                api.destroy();
                api.waitFor();
            }
            Benchmark.dropDatabase(db, size.name());
        }
    }

    /** The admins: one thread and one HTTP client each, looping over the pages in a shuffled order. */
    private final class Load {
        final String apiUrl;
        final UUID district;
        final AtomicBoolean running = new AtomicBoolean();
        final Map<String, ConcurrentLinkedQueue<Long>> micros = new ConcurrentHashMap<>();
        final Map<String, ConcurrentLinkedQueue<String>> errors = new ConcurrentHashMap<>();
        final List<Thread> threads = new ArrayList<>();

        Load(String apiUrl, UUID district) {
            this.apiUrl = apiUrl;
            this.district = district;
            for (String e : ENDPOINTS) {
                micros.put(template(e), new ConcurrentLinkedQueue<>());
                errors.put(template(e), new ConcurrentLinkedQueue<>());
            }
        }

        void start(String runId) {
            running.set(true);
            for (int i = 0; i < admins; i++) {
                String token;
                try {
                    token = bench.token("bench-admin-" + i, "district-admin", district);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Random random = new Random(i);
                Thread t = new Thread(() -> browse(runId, token, random), "admin-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(TIMEOUT.toMillis() + 5_000);
            }
        }

        private void browse(String runId, String token, Random random) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            List<String> pages = new ArrayList<>(ENDPOINTS);
            while (running.get()) {
                Collections.shuffle(pages, random);
                for (String page : pages) {
                    if (!running.get()) {
                        return;
                    }
                    String template = template(page);
                    URI uri = URI.create(apiUrl + page.replace("{districtId}", district.toString()).replace("{runId}", runId));
                    long start = System.nanoTime();
                    String error = null;
                    try {
                        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() / 100 != 2) {
                            error = response.statusCode() + " " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)
                                    .replaceAll("\\s+", " ").substring(0, Math.min(200, response.body().length));
                        }
                    } catch (java.net.http.HttpTimeoutException e) {
                        error = "timeout after " + TIMEOUT.toSeconds() + " s";
                    } catch (Exception e) {
                        error = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    micros.get(template).add((System.nanoTime() - start) / 1_000);
                    if (error != null) {
                        errors.get(template).add(error);
                    }
                    try {
                        Thread.sleep(100 + random.nextInt(401));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private static String template(String page) {
        int q = page.indexOf('?');
        return "GET " + (q < 0 ? page : page.substring(0, q));
    }

    private void report(Load load, long enrollments, double withLoad, double withoutLoad) throws Exception {
        List<Long> all = new ArrayList<>();
        long errorCount = 0;
        Map<String, Object> perEndpoint = perEndpoint(load);
        for (String page : ENDPOINTS) {
            all.addAll(load.micros.get(template(page)));
            errorCount += load.errors.get(template(page)).size();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("measuredAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        result.put("command", "benchmarks/run load" + (size.name().equals("L") ? "" : " " + size.name()));
        result.put("enrollments", enrollments);
        result.put("admins", admins);
        result.put("requests", all.size());
        result.put("errors", errorCount);
        result.put("p50Ms", percentileMs(all, 50));
        result.put("p95Ms", percentileMs(all, 95));
        result.put("p99Ms", percentileMs(all, 99));
        result.put("syncSeconds", round2(withLoad));
        result.put("syncSecondsWithoutLoad", round2(withoutLoad));
        result.put("perEndpoint", perEndpoint);
        System.out.printf("%-3s %d admins, %d requests, %d errors; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; sync %.2f s under load, "
                        + "%.2f s without; load average %s%n", size.name(), admins, all.size(), errorCount, percentileMs(all, 50),
                percentileMs(all, 95), percentileMs(all, 99), withLoad, withoutLoad, loadAverage());
        Path out = Path.of("benchmarks", "results", "load.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writeValueAsString(result) + "\n");
        System.out.println(size.name() + "   wrote " + out);
    }

    /** Requests, errors and p95 per endpoint template, printed as a table. */
    private Map<String, Object> perEndpoint(Load load) {
        Map<String, Object> perEndpoint = new LinkedHashMap<>();
        System.out.printf("%-3s %-62s %9s %7s %9s%n", size.name(), "endpoint", "requests", "errors", "p95 ms");
        for (String page : ENDPOINTS) {
            String template = template(page);
            List<Long> times = new ArrayList<>(load.micros.get(template));
            List<String> errs = new ArrayList<>(load.errors.get(template));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("requests", times.size());
            line.put("errors", errs.size());
            line.put("p95Ms", percentileMs(times, 95));
            perEndpoint.put(template, line);
            System.out.printf("%-3s %-62s %9d %7d %9.1f%s%n", size.name(), template, times.size(), errs.size(), percentileMs(times, 95),
                    errs.isEmpty() ? "" : "   first error: " + errs.get(0));
        }
        return perEndpoint;
    }

    /** Nearest-rank percentile in milliseconds, one decimal. */
    static double percentileMs(List<Long> micros, int percent) {
        if (micros.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Math.round(sorted.get(Math.max(0, rank - 1)) / 100.0) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
