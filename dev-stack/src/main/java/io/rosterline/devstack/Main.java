package io.rosterline.devstack;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The local run (scripts/run-local): starts the stack on the README's ports, prints where everything is and the
 * demo logins, and keeps running until Ctrl-C, which stops every process it started.
 */
public final class Main {

    private static final String USAGE = """
            Usage: scripts/run-local [options]
              --api-port=N        roster-api HTTP port (default 8080)
              --keycloak-port=N   Keycloak port (default 8180)
              --sandbox-port=N    sis-sandbox port (default 8090)
              --web-port=N        web UI port (default 5173, the port the realm allows for logins)
              --students=N        size of the sandbox SIS's district (default 2000; --ephemeral: 300)
              --no-web            do not start the web UI
              --no-sandbox        do not start sis-sandbox
              --no-worker         do not start the sync-worker daemon
              --no-seed           leave the demo district Harbor Unified bare (default: seeded half-way through the
                                  checklist through the API: SIS credentials of the sandbox, schools, courses,
                                  products, ROSTERED pools and course mappings; a restart adds nothing twice)
              --check             start everything, print the URLs, then stop (a smoke test of the launcher)
              --fresh             the local run as on a fresh clone: a throw-away database (dropped at exit) and free
                                  ports for everything but the web UI (for a test of the run command)
              --ephemeral         the browser tests' stack: Keycloak, roster-api, a small sandbox SIS and the
                                  sync-worker (every 2 s) on free ports, a throw-away database, no web
                                  UI and no seeding beyond the bare demo districts
              --exec CMD [ARGS]   start, run CMD with ROSTERLINE_API_URL / ROSTERLINE_OIDC_AUTHORITY (and E2E_API_URL,
                                  E2E_OIDC_AUTHORITY, E2E_SANDBOX_URL, E2E_SANDBOX_CLIENT_ID / _SECRET, E2E_WORKER,
                                  E2E_BASE_URL when the web UI runs) set, stop, and exit with CMD's exit code
            PostgreSQL: the local server on 127.0.0.1:5432 when it answers, else an embedded one
            (force with -Drosterline.postgres=embedded|local).
            sync-worker: `sync-worker daemon`, polling roster-api for due runs.""";

    private Main() {
    }

    public static void main(String[] args) {
        RepoLayout repo = RepoLayout.locate();
        StackOptions options = StackOptions.localRun(repo);
        Set<Component> skipped = new HashSet<>();
        boolean checkOnly = false;
        boolean noSeed = false;
        List<String> exec = List.of();
        Integer apiPort = null;
        Integer keycloakPort = null;
        Integer sandboxPort = null;
        Integer webPort = null;
        Integer students = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--exec")) {
                exec = List.of(args).subList(i + 1, args.length);
                break;
            } else if (arg.equals("--ephemeral")) {
                options = StackOptions.ephemeral(repo, repo.root().resolve(".run/ephemeral"));
            } else if (arg.equals("--fresh")) {
                options = StackOptions.freshLocalRun(repo);
            } else if (arg.startsWith("--api-port=")) {
                apiPort = Integer.parseInt(arg.substring("--api-port=".length()));
            } else if (arg.startsWith("--web-port=")) {
                webPort = Integer.parseInt(arg.substring("--web-port=".length()));
            } else if (arg.startsWith("--sandbox-port=")) {
                sandboxPort = Integer.parseInt(arg.substring("--sandbox-port=".length()));
            } else if (arg.startsWith("--keycloak-port=")) {
                keycloakPort = Integer.parseInt(arg.substring("--keycloak-port=".length()));
            } else if (arg.startsWith("--students=")) {
                students = Integer.parseInt(arg.substring("--students=".length()));
            } else if (arg.equals("--no-web")) {
                skipped.add(Component.WEB_UI);
            } else if (arg.equals("--no-sandbox")) {
                skipped.add(Component.SIS_SANDBOX);
            } else if (arg.equals("--no-worker")) {
                skipped.add(Component.SYNC_WORKER);
            } else if (arg.equals("--no-seed")) {
                noSeed = true;
            } else if (arg.equals("--check")) {
                checkOnly = true;
            } else {
                System.out.println(USAGE);
                System.exit(arg.equals("--help") || arg.equals("-h") ? 0 : 2);
            }
        }
        options = options.withPorts(keycloakPort != null ? keycloakPort : options.keycloakPort(),
                        apiPort != null ? apiPort : options.apiPort())
                .withSandboxPort(sandboxPort != null ? sandboxPort : options.sandboxPort())
                .withWebPort(webPort != null ? webPort : options.webPort());
        if (students != null) {
            options = options.withSandboxStudents(students);
        }
        if (noSeed) {
            options = options.withSeedDemoDistrict(false);
        }
        for (Component component : skipped) {
            options = options.withoutComponent(component);
        }

        long startedAt = System.nanoTime();
        System.out.println("Starting Rosterline (logs in " + options.workDir().resolve("logs") + ") ...");
        DevStack stack = DevStack.create(options);
        // Registered before anything starts: Ctrl-C while Keycloak or roster-api is still starting stops whatever is
        // already running (and drops a throw-away database, stops an embedded PostgreSQL) instead of leaving it behind.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Rosterline ...");
            stack.close();
            stopped.countDown();
        }, "rosterline-stop"));
        try {
            stack.startAll();
        } catch (StackStartException e) {
            if (e.stoppedWhileStarting()) {
                return; // Ctrl-C: the shutdown hook is stopping what was started
            }
            System.err.println();
            System.err.println("Could not start Rosterline: " + e.getMessage());
            System.exit(1);
            return;
        }

        System.out.println(banner(stack, Duration.ofNanos(System.nanoTime() - startedAt)));
        if (!exec.isEmpty()) {
            System.exit(runAgainst(stack, exec));
        }
        if (checkOnly) {
            System.exit(0);
        }
        watch(stack, stopped);
    }

    /** Runs a command (inheriting our console) against the running stack; the shutdown hook stops the stack after. */
    private static int runAgainst(DevStack stack, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO().directory(stack.repoRoot().toFile());
        builder.environment().put("ROSTERLINE_API_URL", stack.rosterApiUrl());
        builder.environment().put("E2E_API_URL", stack.rosterApiUrl());
        if (stack.keycloak() != null) {
            builder.environment().put("ROSTERLINE_OIDC_AUTHORITY", stack.keycloak().realmUrl());
            builder.environment().put("E2E_OIDC_AUTHORITY", stack.keycloak().realmUrl());
        }
        stack.sandboxUrl().ifPresent(url -> {
            builder.environment().put("ROSTERLINE_SANDBOX_URL", url);
            builder.environment().put("E2E_SANDBOX_URL", url);
            builder.environment().put("E2E_SANDBOX_CLIENT_ID", DemoSeeder.SANDBOX_CLIENT_ID);
            builder.environment().put("E2E_SANDBOX_CLIENT_SECRET", DemoSeeder.SANDBOX_CLIENT_SECRET);
        });
        // Whether a sync-worker daemon runs, so a browser test knows an import will be picked up.
        builder.environment().put("E2E_WORKER", stack.workerMode().orElse("none"));
        stack.webUiUrl().ifPresent(url -> builder.environment().put("E2E_BASE_URL", url));
        stack.demoSeed().ifPresent(seed -> builder.environment().put("E2E_SEEDED_DISTRICT", seed.districtId()));
        try {
            return builder.start().waitFor();
        } catch (java.io.IOException e) {
            System.err.println("Could not run " + String.join(" ", command) + ": " + e.getMessage());
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Tells the developer when a process dies on its own (the others keep running). */
    private static void watch(DevStack stack, CountDownLatch stopped) {
        Set<String> reported = new HashSet<>();
        try {
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                for (ManagedProcess process : stack.processes()) {
                    if (!process.isAlive() && reported.add(process.name())) {
                        System.err.println(process.name() + " stopped (exit code " + process.exitCode() + "). Last lines of "
                                + process.logFile() + ":\n" + process.logTail(20));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String banner(DevStack stack, Duration took) {
        StringBuilder out = new StringBuilder();
        out.append("\nRosterline is running (started in ").append(took.toSeconds()).append(" s). Ctrl-C stops everything.\n\n");
        line(out, "API", stack.rosterApiUrl() + "/api/v1");
        line(out, "Swagger UI", stack.rosterApiUrl() + "/q/swagger-ui");
        line(out, "OpenAPI", stack.rosterApiUrl() + "/q/openapi");
        line(out, "Health", stack.rosterApiUrl() + "/q/health/ready");
        stack.sftpPort().ifPresent(port -> line(out, "SFTP (CSV drops)", "localhost:" + port));
        if (stack.keycloak() != null) {
            line(out, "Keycloak", stack.keycloak().baseUrl() + "/admin  (local admin: "
                    + KeycloakServer.LOCAL_ADMIN_USER + " / " + KeycloakServer.LOCAL_ADMIN_PASSWORD + ")");
            line(out, "OIDC issuer", stack.keycloak().realmUrl());
        }
        line(out, "Web UI", stack.webUiUrl().orElse(stack.includes(Component.WEB_UI)
                ? "(not running: web-ui is not installed; scripts/run-local builds it when present)"
                : "(not part of this stack: the browser tests serve their own build)"));
        line(out, "SIS sandbox", stack.sandboxUrl().map(url -> url + "/ims/oneroster/v1p1  (OneRoster 1.1; OAuth 2 token "
                        + url + "/oauth/token, client " + DemoSeeder.SANDBOX_CLIENT_ID + " / " + DemoSeeder.SANDBOX_CLIENT_SECRET + ")")
                .orElse("(not running: sis-sandbox is not built)"));
        stack.demoSeed().ifPresent(seed -> line(out, "Demo district", "Harbor Unified, " + seed.summary()));
        line(out, "sync-worker", stack.workerMode().map(mode -> "daemon, polling roster-api for due runs").orElse("(not running)"));
        if (stack.postgres() != null) {
            line(out, "PostgreSQL", stack.postgres().jdbcUrl(stack.databaseName())
                    + (stack.postgres().isEmbedded() ? "  (embedded)" : "  (local server)"));
        }
        out.append("\nDemo logins (local only):\n");
        out.append("  support        / support         support staff, every district\n");
        out.append("  harbor-admin   / harbor-admin    district admin, Harbor Unified (d1000000-0000-4000-8000-000000000001)\n");
        stack.demoSeed().ifPresent(seed -> out.append("""
                                                   Harbor is half-way through the checklist: the sandbox SIS is connected,
                                                   its schools and the MATH-*/ELA-* courses are included, and each has a
                                                   teacher and a student edition with a ROSTERED pool. Left for you: a
                                                   Manual Import and its review, term dates, readiness review, schedule.
                """));
        out.append("  lakeside-admin / lakeside-admin  district admin, Lakeside County Schools (d2000000-0000-4000-8000-000000000002)\n");
        if (stack.keycloak() != null) {
            out.append("\nA token from the command line:\n");
            out.append("  curl -s -d grant_type=password -d client_id=rosterline-web -d username=harbor-admin -d password=harbor-admin \\\n");
            out.append("       ").append(stack.keycloak().tokenUrl()).append('\n');
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("  %-18s %s%n", label, value));
    }
}
