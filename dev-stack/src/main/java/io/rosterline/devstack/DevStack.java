package io.rosterline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the Rosterline stack as real processes: PostgreSQL, Keycloak, roster-api and, when they are built,
 * sis-sandbox, the sync-worker daemon and the web UI. The local run ({@link Main}) and the system tests both
 * start things through this class, so there is one way to run the product.
 *
 * <p>Closing the stack stops everything it started, in reverse order, and drops a throw-away database. Closing is
 * safe at any moment, also from another thread while {@link #startAll()} is still starting things (the launcher's
 * Ctrl-C hook): whatever was started is stopped, and whatever a start in progress brings up afterwards is stopped
 * the moment it is registered.
 */
public final class DevStack implements AutoCloseable {

    private static final Duration API_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SANDBOX_READY_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration WEB_READY_TIMEOUT = Duration.ofMinutes(2);
    /** Local demo secret of the rosterline-sync-worker client, as in dev/keycloak/rosterline-realm.json. */
    public static final String LOCAL_DEMO_WORKER_SECRET = "local-demo-worker-secret";
    /** roster-api's property for its SFTP port (random in tests: several builds share the machine). */
    static final String SFTP_PORT_PROPERTY = "rosterline.sftp.port";

    private final StackOptions options;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<ManagedProcess> processes = new ArrayList<>();
    private Postgres postgres;
    private KeycloakServer keycloak;
    private int apiPort;
    private int sftpPort;
    private int sandboxPort;
    private int webPort;
    private boolean databaseCreated;
    private volatile boolean closed;
    private DemoSeeder.Result demoSeed;
    /** The running roster-api process (replaced by {@link #restartRosterApi()}). */
    private ManagedProcess rosterApi;
    /** The key of this stack's stored secrets: chosen once, so that a restarted roster-api still reads what it stored. */
    private String credentialsKey;
    /** How often roster-api was restarted: each start logs to its own file, so the killed one's log is kept. */
    private int rosterApiRestarts;
    /** How the sync worker runs ("daemon"), null when it does not. */
    private String workerMode;

    private DevStack(StackOptions options) {
        this.options = options;
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    public static DevStack start(StackOptions options) {
        DevStack stack = create(options);
        stack.startAll();
        return stack;
    }

    /** A stack that has started nothing yet: register its {@link #close()} (e.g. as a shutdown hook), then {@link #startAll()}. */
    public static DevStack create(StackOptions options) {
        return new DevStack(options);
    }

    /** Starts every component; on failure (or when closed meanwhile) stops what was started and throws. */
    public void startAll() {
        try {
            startEverything();
        } catch (RuntimeException | Error e) {
            boolean stoppedFromOutside = closed;
            close();
            if (stoppedFromOutside) {
                // Closed meanwhile (Ctrl-C): whatever failed next (a server killed under its readiness check) is no failure.
                throw e instanceof StackStartException s && s.stoppedWhileStarting() ? s : StackStartException.stopped(e);
            }
            throw e;
        }
    }

    private void startEverything() {
        RepoLayout repo = options.repo();
        createDirectories(options.workDir());
        requireBuilt();
        // Keycloak takes longest: launch it first and let PostgreSQL (and the sandbox) start meanwhile.
        if (options.has(Component.KEYCLOAK)) {
            int port = freeOrFail(Ports.resolve(options.keycloakPort()), "Keycloak");
            requireOpen();
            keycloak = KeycloakServer.launch(RepoLayout.keycloakZip(), RepoLayout.keycloakVersion(),
                    RepoLayout.cacheRoot(), options.workDir().resolve("keycloak"), repo.realmFile(), port);
            track(keycloak, keycloak.process());
        }
        if (options.has(Component.ROSTER_API)) {
            requireOpen();
            Postgres server = Postgres.localOrEmbedded(options.embeddedPostgresData(), options.postgresPort());
            track(server, null);
            postgres = server;
            postgres.createDatabaseIfMissing(options.databaseName());
            databaseCreatedOrDrop();
        }
        ManagedProcess sandbox = null;
        if (options.has(Component.SIS_SANDBOX) && repo.sandboxJar().isPresent()) {
            sandboxPort = freeOrFail(Ports.resolve(options.sandboxPort()), "sis-sandbox");
            List<String> args = new ArrayList<>(List.of("--port", String.valueOf(sandboxPort)));
            if (options.sandboxStudents() > 0) {
                // The local run's and the browser tests' district: their size, in the school year running today (the
                // system tests keep the sandbox's fixed defaults, which their expectations are written against).
                args.addAll(List.of("--students", String.valueOf(options.sandboxStudents()),
                        "--school-year", String.valueOf(StackOptions.currentSchoolYear(LocalDate.now()))));
            }
            sandbox = startJava("sis-sandbox", repo.sandboxJar().get(), Map.of(), Map.of(), args);
        }
        if (keycloak != null) {
            keycloak.awaitReady();
            keycloak.rememberAugmentation(RepoLayout.cacheRoot(), RepoLayout.keycloakVersion(),
                    options.workDir().resolve("keycloak"));
        }
        if (sandbox != null) {
            Readiness.awaitPortOpen(sandbox, sandboxPort, SANDBOX_READY_TIMEOUT);
        }
        if (options.has(Component.ROSTER_API)) {
            startRosterApi();
        }
        if (options.seedDemoDistrict() && keycloak != null && apiPort != 0 && sandboxPort != 0) {
            requireOpen();
            demoSeed = new DemoSeeder(rosterApiUrl(), keycloak.tokenUrl(), sandboxUrl().orElseThrow()).seed();
        }
        if (options.has(Component.SYNC_WORKER) && Files.isRegularFile(repo.syncWorkerJar())
                && options.has(Component.ROSTER_API) && keycloak != null) {
            startSyncWorker();
        }
        if (options.has(Component.WEB_UI) && Files.isDirectory(repo.webUi().resolve("node_modules"))) {
            startWebUi();
        }
    }

    private void requireBuilt() {
        RepoLayout repo = options.repo();
        if (options.has(Component.ROSTER_API) && !Files.isRegularFile(repo.rosterApiJar())) {
            throw notBuilt("roster-api", repo.rosterApiJar().toString());
        }
        if (!options.strict()) {
            return;
        }
        if (options.has(Component.SIS_SANDBOX) && repo.sandboxJar().isEmpty()) {
            throw notBuilt("sis-sandbox", repo.root().resolve("sis-sandbox/target/sis-sandbox.jar").toString());
        }
        if (options.has(Component.SYNC_WORKER) && !Files.isRegularFile(repo.syncWorkerJar())) {
            throw notBuilt("sync-worker", repo.syncWorkerJar().toString());
        }
        if (options.has(Component.WEB_UI) && !Files.isDirectory(repo.webUi().resolve("node_modules"))) {
            throw new StackStartException("web-ui has no node_modules: run `npm install` in web-ui first.");
        }
    }

    private static StackStartException notBuilt(String module, String missing) {
        return new StackStartException(module + " is not built (" + missing + " is missing). Run "
                + "`./mvnw -q -B package -DskipTests` first, or use scripts/run-local.");
    }

    private void startRosterApi() {
        apiPort = freeOrFail(Ports.resolve(options.apiPort()), "roster-api");
        if (SFTP_PORT_PROPERTY != null) {
            sftpPort = freeOrFail(Ports.resolve(options.sftpPort()), "roster-api SFTP");
        }
        launchRosterApi();
    }

    /** roster-api on the ports already chosen (first start and restart). */
    private void launchRosterApi() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.port", String.valueOf(apiPort));
        properties.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(options.databaseName()));
        properties.put("quarkus.datasource.username", Postgres.USER);
        properties.put("quarkus.datasource.password", Postgres.PASSWORD);
        if (SFTP_PORT_PROPERTY != null) {
            properties.put(SFTP_PORT_PROPERTY, String.valueOf(sftpPort));
        }
        properties.put("rosterline.demo.seed", "true");
        if (keycloak != null) {
            properties.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
        }
        // The sandbox SIS runs on this machine: let the local stack connect districts to loopback addresses
        // (production refuses private addresses to keep SIS URLs from reaching internal services).
        properties.put("rosterline.credentials.allow-private-addresses", "true");
        // The SPA on the Vite server calls the API cross-origin.
        properties.put("quarkus.http.cors.enabled", "true");
        properties.put("quarkus.http.cors.origins", "http://localhost:" + webPortOrDefault() + ",http://127.0.0.1:" + webPortOrDefault());
        properties.putAll(options.extraApiProperties());
        // The key that encrypts stored SIS credentials goes in the environment, not on the command line (ps shows that).
        if (credentialsKey == null) {
            credentialsKey = CredentialsKey.forStack(options);
        }
        Map<String, String> environment = Map.of("ROSTERLINE_CREDENTIALS_KEY", credentialsKey);
        String name = rosterApiRestarts == 0 ? "roster-api" : "roster-api-restart-" + rosterApiRestarts;
        ManagedProcess api = startJava(name, options.repo().rosterApiJar(), properties, environment, List.of());
        rosterApi = api;
        Readiness.awaitHttpOk(api, URI.create(rosterApiUrl() + "/q/health/ready"), API_READY_TIMEOUT);
    }

    /**
     * Kills roster-api with SIGKILL and starts it again on the same ports and database; returns when it is ready.
     * For the fault tests: a pod of the API dying while workers are in the middle of runs.
     */
    public void restartRosterApi() {
        killRosterApi();
        startRosterApiAgain();
    }

    /**
     * SIGKILL to roster-api: no graceful shutdown, requests in flight are cut, and PostgreSQL rolls back its open
     * transactions. Everything else keeps running; {@link #startRosterApiAgain()} brings it back.
     */
    public void killRosterApi() {
        ManagedProcess old;
        synchronized (this) {
            requireOpen();
            old = rosterApi;
            if (old == null) {
                throw new IllegalStateException("roster-api is not running in this stack");
            }
            started.remove(old);
            processes.remove(old);
            rosterApi = null;
        }
        old.kill();
        rosterApiRestarts++;
        awaitPortReleased(apiPort, "roster-api");
    }

    /** Starts roster-api again after {@link #killRosterApi()}, on the same ports and database; returns when it is ready. */
    public void startRosterApiAgain() {
        synchronized (this) {
            requireOpen();
            if (rosterApi != null) {
                throw new IllegalStateException("roster-api is running already");
            }
        }
        launchRosterApi();
    }

    private static void awaitPortReleased(int port, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Ports.isFree(port)) {
            if (System.nanoTime() > deadline) {
                throw new StackStartException("Port " + port + " of " + what + " is still taken after it was killed.");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("Interrupted while waiting for port " + port + " to be released.");
            }
        }
    }

    private void startSyncWorker() {
        startSyncWorker("sync-worker", "daemon", Map.of());
        workerMode = "daemon";
    }

    /**
     * Starts one more sync-worker process against this stack's roster-api and Keycloak, the way the local run starts its
     * daemon; the stack stops it on close (a test may kill or stop it before).
     *
     * @param name     the log file's name (logs/NAME.log); several workers need several names
     * @param mode     "daemon" (poll until stopped) or "once" (run what is due, then exit)
     * @param settings more environment variables, e.g. ROSTERLINE_WORKER_HEARTBEAT=1s
     */
    public ManagedProcess startSyncWorker(String name, String mode, Map<String, String> settings) {
        if (keycloak == null || apiPort == 0) {
            throw new IllegalStateException("a sync worker needs this stack's Keycloak and roster-api");
        }
        if (!Files.isRegularFile(options.repo().syncWorkerJar())) {
            throw notBuilt("sync-worker", options.repo().syncWorkerJar().toString());
        }
        // Environment variables, as in the Kubernetes manifests (deploy/base/sync-worker): Quarkus reads them, and
        // unlike system properties they are never reported as unknown configuration.
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ROSTERLINE_API_URL", rosterApiUrl());
        environment.put("ROSTERLINE_OIDC_URL", keycloak.realmUrl());
        environment.put("ROSTERLINE_WORKER_CLIENT_ID", "rosterline-sync-worker");
        environment.put("ROSTERLINE_WORKER_CLIENT_SECRET", LOCAL_DEMO_WORKER_SECRET);
        if (options.workerPoll() != null) {
            environment.put("ROSTERLINE_WORKER_POLL", options.workerPoll());
        }
        environment.putAll(settings);
        return startJava(name, options.repo().syncWorkerJar(), Map.of(), environment, List.of(mode));
    }

    private void startWebUi() {
        webPort = freeOrFail(webPortOrDefault(), "web-ui");
        Path webUi = options.repo().webUi();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("VITE_API_BASE_URL", rosterApiUrl());
        if (keycloak != null) {
            environment.put("VITE_OIDC_AUTHORITY", keycloak.realmUrl());
        }
        environment.put("VITE_OIDC_CLIENT_ID", "rosterline-web");
        environment.put("BROWSER", "none");
        environment.put("WEB_PORT", String.valueOf(webPort));
        ManagedProcess web = ManagedProcess.start("web-ui",
                List.of(webUi.resolve("node_modules/.bin/vite").toString(), "--port", String.valueOf(webPort),
                        "--strictPort", "--host", "127.0.0.1"),
                environment, webUi, options.workDir().resolve("logs/web-ui.log"));
        track(web, web);
        // Vite answers its first page only after bundling the dependencies (a minute on a busy machine); the server
        // is usable once it listens, and the browser's first load simply waits for that bundle.
        Readiness.awaitPortOpen(web, webPort, WEB_READY_TIMEOUT);
    }

    private int webPortOrDefault() {
        return webPort != 0 ? webPort : (options.webPort() == 0 ? 5173 : options.webPort());
    }

    private static List<String> javaCommand(Path jar, Map<String, String> systemProperties, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small heaps: up to four JVMs share a 2-core machine with other builds.
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1");
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return command;
    }

    private ManagedProcess startJava(String name, Path jar, Map<String, String> systemProperties,
                                     Map<String, String> environment, List<String> args) {
        List<String> command = javaCommand(jar, systemProperties, args);
        requireOpen();
        ManagedProcess process = ManagedProcess.start(name, command, environment, options.repo().root(),
                options.workDir().resolve("logs/" + name + ".log"));
        track(process, process);
        return process;
    }

    /**
     * Registers something that was started, so that {@link #close()} stops it. If the stack was closed meanwhile
     * (Ctrl-C during startup), the newcomer is stopped at once and the start is abandoned.
     */
    private void track(AutoCloseable resource, ManagedProcess process) {
        synchronized (this) {
            if (!closed) {
                started.push(resource);
                if (process != null) {
                    processes.add(process);
                }
                return;
            }
        }
        closeQuietly(resource);
        throw StackStartException.stopped(null);
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw StackStartException.stopped(null);
        }
    }

    /** Marks the database for dropping on close; if close already ran, drops it now. */
    private void databaseCreatedOrDrop() {
        synchronized (this) {
            if (!closed) {
                databaseCreated = true;
                return;
            }
        }
        if (options.dropDatabaseOnClose()) {
            try {
                postgres.dropDatabase(options.databaseName());
            } catch (RuntimeException e) {
                System.err.println("Could not drop " + options.databaseName() + ": " + e.getMessage());
            }
        }
        throw StackStartException.stopped(null);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + resource + ": " + e.getMessage());
        }
    }

    private static int freeOrFail(int port, String what) {
        if (!Ports.isFree(port)) {
            throw new StackStartException("Port " + port + " for " + what + " is taken by another program. "
                    + "Stop it, or choose another port (see scripts/run-local --help).");
        }
        return port;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public java.nio.file.Path repoRoot() {
        return options.repo().root();
    }

    public String rosterApiUrl() {
        return "http://localhost:" + apiPort;
    }

    public Optional<Integer> sftpPort() {
        return sftpPort == 0 ? Optional.empty() : Optional.of(sftpPort);
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public Postgres postgres() {
        return postgres;
    }

    public String databaseName() {
        return options.databaseName();
    }

    public Optional<String> sandboxUrl() {
        return sandboxPort == 0 ? Optional.empty() : Optional.of("http://localhost:" + sandboxPort);
    }

    public Optional<String> webUiUrl() {
        return webPort == 0 ? Optional.empty() : Optional.of("http://localhost:" + webPort);
    }

    /** Every process the stack started (for the launcher's watch over unexpected exits). */
    public synchronized List<ManagedProcess> processes() {
        return List.copyOf(processes);
    }

    /** What {@link DemoSeeder} did to the demo district, when this stack seeds it. */
    public Optional<DemoSeeder.Result> demoSeed() {
        return Optional.ofNullable(demoSeed);
    }

    /** Whether this stack was asked to run the component (it may still be missing when not built). */
    public boolean includes(Component component) {
        return options.has(component);
    }

    /** Whether a sync worker runs (it picks up queued imports). */
    public boolean workerRunning() {
        return workerMode != null;
    }

    /** How the sync worker runs ("daemon"); empty when it does not. */
    public Optional<String> workerMode() {
        return Optional.ofNullable(workerMode);
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Reverse start order; the database goes before its server.
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            if (resource == postgres && databaseCreated && options.dropDatabaseOnClose()) {
                try {
                    postgres.dropDatabase(options.databaseName());
                } catch (RuntimeException e) {
                    System.err.println("Could not drop " + options.databaseName() + ": " + e.getMessage());
                }
            }
            closeQuietly(resource);
        }
    }
}
