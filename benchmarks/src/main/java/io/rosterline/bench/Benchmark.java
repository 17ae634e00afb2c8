package io.rosterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.oneroster.Endpoint;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * For each size: a sandbox SIS in this process, roster-api and the worker as separate JVMs (-Xmx512m each) on a fresh
 * PostgreSQL database. Measures the full first sync, a no-op resync and a 5 % churn resync, the peak RSS of worker and
 * API, and the physical floor of the same run: a plain fetch of the same pages plus a PostgreSQL COPY of the same rows.
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PG = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/");
    /** Enrollments per student in the sandbox district (students' 6-8 classes plus the teachers' seats). */
    private static final double ENROLLMENTS_PER_STUDENT = 7.4;

    record Size(String name, long enrollments) {
    }

    public static void main(String[] args) {
        try {
            runFromCommandLine(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            // A failed run must end the JVM too (the fault-tolerance timer thread would keep it alive), with a failing exit code.
            System.exit(1);
        }
    }

    private static void runFromCommandLine(String[] args) throws Exception {
        String apiJar = args[0];
        String classpath = args[1];
        List<String> words = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            words.addAll(List.of(args[i].trim().split("\\s+")));
        }
        if (!words.isEmpty() && words.get(0).equalsIgnoreCase("load")) {
            // benchmarks/run load [size]: the admins' load test during one sync (L unless a size follows).
            Size size = words.size() > 1 ? size(words.get(1)) : size("L");
            new LoadTest(new Benchmark(), size, apiJar, classpath, Integer.getInteger("bench.admins", 50)).run();
            System.exit(0);
        }
        List<Size> sizes = new ArrayList<>();
        for (String s : words) {
            sizes.add(size(s));
        }
        System.out.printf("%-3s %-13s %10s %10s %12s %10s%n", "", "step", "seconds", "records", "records/s", "notes");
        for (Size size : sizes) {
            new Benchmark().run(size, apiJar, classpath);
        }
        // The connectors' fault-tolerance timer is a non-daemon thread: without this the JVM outlives the benchmark.
        System.exit(0);
    }

    static Size size(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "S" -> new Size("S", 10_000);
            case "M" -> new Size("M", 100_000);
            case "L" -> new Size("L", 1_000_000);
            case "XL" -> new Size("XL", 8_000_000);
            default -> throw new IllegalArgumentException("sizes are S, M, L, XL");
        };
    }

    static int students(Size size) {
        return (int) Math.max(50, Math.round(size.enrollments() / ENROLLMENTS_PER_STUDENT));
    }

    KeyPair keys;
    /** roster-api's process id, for the CPU each run costs it (0 before it is started). */
    long apiPid;
    /** roster-api's GC log, for its heap after each collection during a run. */
    Path apiGcLog;
    /** The last run syncOnce applied, as roster-api reports it. */
    JsonNode lastRun;

    void run(Size size, String apiJar, String classpath) throws Exception {
        keys = newKeys();
        int students = students(size);
        String db = createDatabase();
        UUID district = UUID.randomUUID();
        Process api = null;
        try (SandboxSis sis = SandboxSis.start(SandboxSis.Config.defaults().students(students).threads(4))) {
            int port = freePort();
            String apiUrl = "http://127.0.0.1:" + port;
            api = startApi(apiJar, db, port, size.name());
            apiPid = api.pid();
            waitReady(apiUrl + "/q/health/ready");
            long records = seed(PG + db, district, sis);
            connect(apiUrl, district, sis);

            double full = syncOnce(apiUrl, district, classpath, size, "full first sync", records);
            // The first sync's readiness review is computed after it (in roster-api, off the worker's path); a district's
            // next run comes a night later, so the no-op is timed once that work is done, not on top of it.
            awaitStoredReview(PG + db, district, lastRun.path("id").asText(), size);
            if (Boolean.getBoolean("bench.readinessOnly")) {
                readiness(apiUrl, PG + db, district, size);
                return;
            }
            double noop = syncOnce(apiUrl, district, classpath, size, "no-op resync", records);
            sis.roster().dropStudents(2.5, Instant.now());
            sis.roster().addStudents(Math.max(1, students / 40), Instant.now());
            sis.roster().moveEnrollments((int) Math.max(1, size.enrollments() / 40), Instant.now());
            double churn = syncOnce(apiUrl, district, classpath, size, "5% churn", records);
            long apiRss = peakRssKb(Path.of("/proc/" + api.pid() + "/status"));
            double[] floor = floor(sis, PG + db);
            double floorTotal = floor[0] + floor[1];
            System.out.printf("%-3s %-13s %10.2f %10d %12.0f %10s%n", size.name(), "floor fetch", floor[0], (long) floor[2], floor[2] / floor[0], "");
            System.out.printf("%-3s %-13s %10.2f %10d %12.0f %10s%n", size.name(), "floor COPY", floor[1], (long) floor[2], floor[2] / floor[1], "");
            System.out.printf("%-3s %-13s %10.2f %10s %12s %10s%n", size.name(), "full/floor", full / floorTotal, "", "", "ratio");
            System.out.printf("%-3s %-13s %10s %10s %12s %10s%n", size.name(), "API peak RSS", apiRss / 1024 + " MB", "", "", "");
            System.out.printf("%-3s targets: full <= 3x floor, no-op <= 10 s, churn <= 20 s (for L); no-op %.1f s, churn %.1f s%n",
                    size.name(), noop, churn);
        } finally {
            if (api != null) {
                api.destroy();
                api.waitFor();
            }
            dropDatabase(db, size.name());
        }
    }

    /** A fresh database for one size (the caller drops it, see {@link #dropDatabase}). */
    static String createDatabase() throws Exception {
        String db = "rosterline_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        exec(PG + "postgres", "CREATE DATABASE " + db);
        String slowMs = System.getProperty("bench.logSlowStatementsMs");
        if (slowMs != null) {
            // Profiling aid: PostgreSQL logs every statement of this database slower than the given milliseconds.
            exec(PG + "postgres", "ALTER DATABASE " + db + " SET log_min_duration_statement = " + Integer.parseInt(slowMs));
        }
        return db;
    }

    static void dropDatabase(String db, String label) throws Exception {
        if (Boolean.getBoolean("bench.keepDatabase")) {
            System.out.println(label + "   kept database " + db + " for inspection");
        } else {
            exec(PG + "postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    /** roster-api as its own JVM on the given database, with this run's token key; its log in benchmarks/target. */
    Process startApi(String apiJar, String db, int port, String logName) throws IOException {
        keys = keys != null ? keys : newKeys();
        apiGcLog = Path.of("benchmarks", "target", "roster-api-" + logName + "-gc.log").toAbsolutePath();
        Files.deleteIfExists(apiGcLog);
        ProcessBuilder apiProcess = new ProcessBuilder("java", "-Xmx512m", "-Xlog:gc:file=" + apiGcLog, "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + PG + db, "-Dquarkus.oidc.auth-server-url=",
                "-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                "-Dquarkus.log.level=WARN", "-Drosterline.sftp.port=0",
                // The sandbox listens on the loopback, which the production rules refuse as an SIS address.
                "-Drosterline.credentials.allow-private-addresses=true",
                "-jar", apiJar).redirectErrorStream(true).redirectOutput(Path.of("benchmarks", "target", "roster-api-" + logName + ".log").toFile());
        // A throw-away AES key per run for the stored SIS secret (production takes it from a Kubernetes Secret).
        byte[] credentialsKey = new byte[32];
        new java.security.SecureRandom().nextBytes(credentialsKey);
        apiProcess.environment().put("ROSTERLINE_CREDENTIALS_KEY", Base64.getEncoder().encodeToString(credentialsKey));
        return apiProcess.start();
    }

    private static KeyPair newKeys() {
        try {
            return KeyPairGenerator.getInstance("RSA").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The district, all schools and courses selected, a teacher and a student edition licensed for every course. */
    long seed(String url, UUID district, SandboxSis sis) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); OneRosterRestReader reader = reader(sis)) {
            exec(c, "INSERT INTO district (id, name, state) VALUES ('" + district + "', 'Benchmark USD', 'CA')");
            List<String> schools = new ArrayList<>();
            for (Org school : reader.listSchools()) {
                schools.add(school.sourcedId());
                update(c, "INSERT INTO sis_school (district_id, sourced_id, name, included) VALUES (?, ?, ?, true)", district, school.sourcedId(), school.name());
            }
            // Products are global: a second district of the same database (the load test) licenses the same two.
            update(c, "INSERT INTO product (id, sku, title, edition) VALUES (?, 'T', 'Teacher edition', 'TEACHER'), (?, 'S', 'Student edition', 'STUDENT') "
                    + "ON CONFLICT (sku) DO NOTHING", UUID.randomUUID(), UUID.randomUUID());
            UUID teacher = productId(c, "T");
            UUID student = productId(c, "S");
            update(c, "INSERT INTO license_pool (id, district_id, product_id, seats, start_date, end_date, mode) VALUES "
                    + "(gen_random_uuid(), ?, ?, 1000000, ?, ?, 'ROSTERED'), (gen_random_uuid(), ?, ?, 10000000, ?, ?, 'ROSTERED')",
                    district, teacher, LocalDate.now().minusYears(1), LocalDate.now().plusYears(1),
                    district, student, LocalDate.now().minusYears(1), LocalDate.now().plusYears(1));
            for (Course course : reader.listCourses(schools)) {
                update(c, "INSERT INTO sis_course (district_id, sourced_id, title, included) VALUES (?, ?, ?, true) ON CONFLICT DO NOTHING",
                        district, course.sourcedId(), course.title());
                update(c, "INSERT INTO course_license (district_id, course_sourced_id, product_id) VALUES (?, ?, ?), (?, ?, ?) ON CONFLICT DO NOTHING",
                        district, course.sourcedId(), teacher, district, course.sourcedId(), student);
            }
            // The rows above were written behind roster-api's back seconds before the first sync; in production the course
            // mappings are made during onboarding and autovacuum has analyzed them long before. Without this the planner
            // takes the licensed courses for 4 rows and the allocation turns into a million index lookups.
            exec(c, "ANALYZE course_license");
            exec(c, "ANALYZE product");
            exec(c, "ANALYZE sis_course");
            exec(c, "ANALYZE sis_school");
        }
        return 0;
    }

    private static UUID productId(Connection c, String sku) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM product WHERE sku = ?")) {
            ps.setString(1, sku);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    /**
     * The readiness review and the checklist over the roster the full sync left, as a district admin sees them: the
     * first request computes the review (what every request did before the V66 snapshots), the next ones are served
     * from the snapshot. Milliseconds per request.
     */
    void readiness(String apiUrl, String dbUrl, UUID district, Size size) throws Exception {
        String token = token("bench-admin", "district-admin", district);
        HttpClient http = HttpClient.newHttpClient();
        String base = apiUrl + "/api/v1/districts/" + district;
        for (String[] step : new String[][] {{"readiness (first)", "/readiness"}, {"readiness", "/readiness"}, {"readiness", "/readiness"},
                {"readiness", "/readiness"}, {"checklist", "/checklist"}, {"checklist", "/checklist"}, {"checklist", "/checklist"}}) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + step[1])).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(step[1] + " answered " + r.statusCode() + ": " + r.body());
            }
            System.out.printf("%-3s %-18s %10.0f ms%n", size.name(), step[0], ms);
        }
    }

    /**
     * roster-api computes the readiness review when a run completes (rosterline.readiness.precompute), after answering
     * the worker. Printed: how long after the applied run it was stored (for a run that changed the roster: an unchanged
     * roster keeps the review stored before, and nothing new is written).
     */
    static void awaitStoredReview(String dbUrl, UUID district, String runId, Size size) throws Exception {
        long waitStart = System.nanoTime();
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM readiness_snapshot s WHERE s.district_id = ? "
                     + "AND s.computed_at >= (SELECT finished_at FROM sync_run WHERE id = ?::uuid)")) {
            ps.setObject(1, district);
            ps.setString(2, runId);
            boolean stored = false;
            while (!stored && System.nanoTime() - waitStart < 120_000_000_000L) {
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    stored = rs.getLong(1) > 0;
                }
                if (!stored) {
                    Thread.sleep(100);
                }
            }
            System.out.printf("%-3s   readiness review stored %.1f s after the run was applied%s%n", size.name(),
                    (System.nanoTime() - waitStart) / 1e9, stored ? "" : ": NOT within 120 s");
        }
    }

    /** Saves the sandbox's credentials the way an admin does; roster-api checks them live and keeps the secret encrypted. */
    void connect(String apiUrl, UUID district, SandboxSis sis) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("baseUrl", sis.oneRoster11Url(), "clientId", sis.clientId(),
                "clientSecret", sis.clientSecret(), "authMethod", "OAUTH2", "tokenUrl", sis.tokenUrl()));
        HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(apiUrl + "/api/v1/districts/" + district + "/credentials"))
                .header("Authorization", "Bearer " + token("bench-support", "support")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (saved.statusCode() != 200 || !"VALID".equals(JSON.readTree(saved.body()).path("validation").path("status").asText())) {
            throw new IllegalStateException("saving the sandbox credentials failed: " + saved.body());
        }
    }

    private double syncOnce(String apiUrl, UUID district, String classpath, Size size, String label, long unused) throws Exception {
        return syncOnce(apiUrl, district, classpath, size, label, runId -> {
        });
    }

    /** One run, requested as support and done by a fresh worker JVM; {@code onRequested} gets the run's id first. */
    double syncOnce(String apiUrl, UUID district, String classpath, Size size, String label, Consumer<String> onRequested) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        double[] cpuBefore = {cpuSeconds(apiPid), postgresCpuSeconds(), harnessCpuSeconds()};
        long gcLogBefore = apiGcLog != null && Files.exists(apiGcLog) ? Files.size(apiGcLog) : 0;
        ApiLiveHeap apiLive = ApiLiveHeap.start(apiPid, Integer.getInteger("bench.liveHeapEverySeconds", 0));
        long start = System.nanoTime();
        HttpResponse<String> requested = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/districts/" + district + "/runs"))
                .header("Authorization", "Bearer " + token("bench-support", "support")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"SYNC_LICENSES\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (requested.statusCode() != 202) {
            throw new IllegalStateException("requesting a run failed: " + requested.body());
        }
        String runId = JSON.readTree(requested.body()).path("id").asText();
        onRequested.accept(runId);
        Process worker = new ProcessBuilder("java", "-Xmx" + System.getProperty("bench.workerXmx", "512m"),
                "-Dbench.liveHeapEverySeconds=" + Integer.getInteger("bench.liveHeapEverySeconds", 0), "-cp", classpath, "io.rosterline.bench.BenchWorker", apiUrl,
                token("rosterline-sync-worker", "sync-worker")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = worker.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode run = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/districts/" + district + "/runs/" + runId))
                .header("Authorization", "Bearer " + token("bench-support", "support")).build(), HttpResponse.BodyHandlers.ofString()).body());
        if (exit != 0 || !"APPLIED".equals(run.path("status").asText())) {
            throw new IllegalStateException(label + " did not apply: " + run);
        }
        lastRun = run;
        long records = 0;
        long changed = 0;
        for (JsonNode c : run.path("counts")) {
            records += c.path("total").asLong();
            changed += c.path("added").asLong() + c.path("changed").asLong() + c.path("removed").asLong();
        }
        String rss = out.lines().filter(l -> l.startsWith("PEAK_RSS_KB=")).map(l -> Long.parseLong(l.substring(12)) / 1024 + " MB").findFirst().orElse("?");
        String heap = out.lines().filter(l -> l.startsWith("PEAK_LIVE_HEAP_KB=")).map(l -> Long.parseLong(l.substring(18)) / 1024 + " MB").findFirst().orElse("?");
        String liveHeap = out.lines().filter(l -> l.startsWith("LIVE_HEAP_KB=") && !l.endsWith("=-1"))
                .map(l -> ", live heap " + Long.parseLong(l.substring(13)) / 1024 + " MB").findFirst().orElse("");
        long apiHeapMb = peakHeapAfterGcMb(apiGcLog, gcLogBefore);
        long apiLiveMb = apiLive.stop();
        if (apiLiveMb >= 0) {
            liveHeap += ", roster-api live heap " + apiLiveMb + " MB";
        }
        String apiHeap = apiHeapMb > 0 ? apiHeapMb + " MB" : "- (no collection)";
        System.out.printf("%-3s %-13s %10.2f %10d %12.0f %10s%n", size.name(), label, seconds, records, records / seconds,
                "diff " + changed + ", worker RSS " + rss + ", heap after GC " + heap + liveHeap + ", roster-api heap after GC " + apiHeap);
        // Where the time went: the worker's phases (read, hash, diff, post) and the rest (JVM start, claim, and roster-api's
        // completion: counting, the safety judgement and the apply).
        StringBuilder phases = new StringBuilder();
        double inPhases = 0;
        for (JsonNode p : run.path("progress").path("phases")) {
            phases.append(p.path("name").asText()).append(' ').append(p.path("seconds").asText()).append("s  ");
            inPhases += p.path("seconds").asDouble();
        }
        System.out.printf("%-3s   phases: %srest %.2fs%n", size.name(), phases, seconds - inPhases);
        // Where the CPU went (2 cores: a run cannot be faster than half the total): the worker's own count, roster-api's
        // and PostgreSQL's from /proc, the sandbox's as this harness process (it serves the SIS).
        double workerCpu = out.lines().filter(l -> l.startsWith("CPU_MS=")).mapToDouble(l -> Long.parseLong(l.substring(7)) / 1000.0).findFirst().orElse(-1);
        System.out.printf("%-3s   cpu: worker %.1fs  roster-api %.1fs  postgres %.1fs  sandbox %.1fs%n", size.name(), workerCpu,
                cpuSeconds(apiPid) - cpuBefore[0], postgresCpuSeconds() - cpuBefore[1], harnessCpuSeconds() - cpuBefore[2]);
        return seconds;
    }

    /** The physical floor: fetch the same pages with nothing done to them, then COPY the same rows into PostgreSQL. */
    private double[] floor(SandboxSis sis, String url) throws Exception {
        Path file = Files.createTempFile("bench-rows", ".tsv");
        long[] count = {0};
        long start = System.nanoTime();
        try (OneRosterRestReader reader = reader(sis); BufferedWriter out = Files.newBufferedWriter(file)) {
            List<String> schools = reader.listSchools().stream().map(Org::sourcedId).toList();
            Consumer<io.rosterline.sis.model.RosterRecord> sink = r -> {
                count[0]++;
                try {
                    out.write(r.sourcedId().replace('\t', ' '));
                    out.write('\t');
                    out.write(r.toString().replace('\t', ' ').replace('\n', ' ').replace("\\", "\\\\"));
                    out.write('\n');
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            };
            ReadReport report = new ReadReport();
            reader.read(Endpoint.schools(), null, sink, report);
            reader.read(RosterCollection.ACADEMIC_SESSIONS, null, sink, report);
            for (String s : schools) {
                reader.read(Endpoint.coursesOfSchool(s), null, sink, report);
                reader.read(Endpoint.classesOfSchool(s), null, sink, report);
                reader.read(Endpoint.enrollmentsOfSchool(s), null, sink, report);
            }
            reader.read(RosterCollection.USERS, null, sink, report);
        }
        double fetch = (System.nanoTime() - start) / 1e9;
        double copy;
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            exec(c, "CREATE TABLE floor_rows (sourced_id text, row_text text)");
            long copyStart = System.nanoTime();
            try (Reader in = Files.newBufferedReader(file)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY floor_rows FROM STDIN", in);
            }
            copy = (System.nanoTime() - copyStart) / 1e9;
        }
        Files.deleteIfExists(file);
        return new double[]{fetch, copy, count[0]};
    }

    private static OneRosterRestReader reader(SandboxSis sis) {
        SisHttp http = new SisHttp(HttpSettings.defaults(), "sandbox");
        return new OneRosterRestReader(new OneRosterRestReader.Config(URI.create(sis.oneRoster11Url()),
                new OAuth2ClientCredentials(URI.create(sis.tokenUrl()), sis.clientId(), sis.clientSecret(), null,
                        OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, http), 5000, HttpSettings.defaults(),
                OneRosterRestReader.Version.V1P1), http);
    }

    /** An RS256 token signed with this run's key, shaped like Keycloak's (groups carry the roles). */
    String token(String user, String role) throws Exception {
        return token(user, role, null);
    }

    /** @param district the district a district admin belongs to (the {@code districts} claim), or null. */
    String token(String user, String role, UUID district) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + user + "\",\"preferred_username\":\"" + user + "\",\"groups\":[\"" + role
                + "\"]" + (district == null ? "" : ",\"districts\":[\"" + district + "\"]") + ",\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(signature.sign());
    }

    /** User and system CPU of a live process, from /proc (clock ticks of 1/100 s), or 0 when it is not there. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (counted from 1).
            return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** Every PostgreSQL process's CPU, the exited backends' included (the postmaster's children time). */
    static double postgresCpuSeconds() {
        double total = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    try {
                        if (Files.readString(proc.resolve("comm")).startsWith("postgres")) {
                            total += cpuSeconds(Long.parseLong(name));
                        }
                    } catch (IOException gone) {
                        // ended meanwhile
                    }
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    static double harnessCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * roster-api's counterpart of the worker's -Dbench.liveHeapEverySeconds: every few seconds a full collection
     * ({@code jcmd GC.run}) and the heap in use after it ({@code jcmd GC.heap_info}); the maximum is kept.
     */
    static final class ApiLiveHeap {
        private static final java.util.regex.Pattern USED = java.util.regex.Pattern.compile("total \\d+K, used (\\d+)K");
        private final Thread thread;
        private final java.util.concurrent.atomic.AtomicLong peakKb = new java.util.concurrent.atomic.AtomicLong(-1);

        private ApiLiveHeap(long pid, int everySeconds) {
            thread = everySeconds <= 0 || pid <= 0 ? null : new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(everySeconds * 1000L);
                        jcmd(pid, "GC.run");
                        var m = USED.matcher(jcmd(pid, "GC.heap_info"));
                        if (m.find()) {
                            peakKb.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                        }
                    }
                } catch (InterruptedException | IOException stopped) {
                    // the run is over
                }
            }, "api-live-heap");
            if (thread != null) {
                thread.setDaemon(true);
                thread.start();
            }
        }

        static ApiLiveHeap start(long pid, int everySeconds) {
            return new ApiLiveHeap(pid, everySeconds);
        }

        /** Stops sampling; the peak in MB, or -1 when nothing was sampled. */
        long stop() throws InterruptedException {
            if (thread != null) {
                thread.interrupt();
                thread.join();
            }
            return peakKb.get() < 0 ? -1 : peakKb.get() / 1024;
        }

        private static String jcmd(long pid, String command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        }
    }

    private static final java.util.regex.Pattern GC_AFTER = java.util.regex.Pattern.compile("->(\\d+)M\\(");

    /** The most heap in use right after any collection, from a {@code -Xlog:gc} file's lines after {@code offset}; -1 when none ran. */
    static long peakHeapAfterGcMb(Path gcLog, long offset) {
        if (gcLog == null || !Files.exists(gcLog)) {
            return -1;
        }
        try (var file = Files.newByteChannel(gcLog)) {
            file.position(offset);
            String appended = new String(java.nio.channels.Channels.newInputStream(file).readAllBytes(), StandardCharsets.UTF_8);
            long peak = -1;
            var m = GC_AFTER.matcher(appended);
            while (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
            return peak;
        } catch (IOException e) {
            return -1;
        }
    }

    static long peakRssKb(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    static void waitReady(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("roster-api did not become ready; see benchmarks/target/roster-api-*.log");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void exec(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            exec(c, sql);
        }
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void update(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
