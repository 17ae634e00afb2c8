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
              --no-web            do not start the web UI
              --no-sandbox        do not start sis-sandbox
              --no-worker         do not start the sync-worker daemon
              --check             start everything, print the URLs, then stop (a smoke test of the launcher)
              --ephemeral         Keycloak + roster-api only, on free ports, with a throw-away database
              --exec CMD [ARGS]   start, run CMD with ROSTERLINE_API_URL / ROSTERLINE_OIDC_AUTHORITY (and E2E_API_URL /
                                  E2E_OIDC_AUTHORITY) set, stop, and exit with CMD's exit code (e.g. the browser tests)
            PostgreSQL: the local server on 127.0.0.1:5432 when it answers, else an embedded one
            (force with -Drosterline.postgres=embedded|local).""";

    private Main() {
    }

    public static void main(String[] args) {
        RepoLayout repo = RepoLayout.locate();
        StackOptions options = StackOptions.localRun(repo);
        Set<Component> skipped = new HashSet<>();
        boolean checkOnly = false;
        List<String> exec = List.of();
        int apiPort = options.apiPort();
        int keycloakPort = options.keycloakPort();
        int sandboxPort = options.sandboxPort();
        int webPort = options.webPort();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--exec")) {
                exec = List.of(args).subList(i + 1, args.length);
                break;
            } else if (arg.equals("--ephemeral")) {
                options = StackOptions.systemTest(repo, repo.root().resolve(".run/ephemeral"));
                apiPort = 0;
                keycloakPort = 0;
            } else if (arg.startsWith("--api-port=")) {
                apiPort = Integer.parseInt(arg.substring("--api-port=".length()));
            } else if (arg.startsWith("--web-port=")) {
                webPort = Integer.parseInt(arg.substring("--web-port=".length()));
            } else if (arg.startsWith("--sandbox-port=")) {
                sandboxPort = Integer.parseInt(arg.substring("--sandbox-port=".length()));
            } else if (arg.startsWith("--keycloak-port=")) {
                keycloakPort = Integer.parseInt(arg.substring("--keycloak-port=".length()));
            } else if (arg.equals("--no-web")) {
                skipped.add(Component.WEB_UI);
            } else if (arg.equals("--no-sandbox")) {
                skipped.add(Component.SIS_SANDBOX);
            } else if (arg.equals("--no-worker")) {
                skipped.add(Component.SYNC_WORKER);
            } else if (arg.equals("--check")) {
                checkOnly = true;
            } else {
                System.out.println(USAGE);
                System.exit(arg.equals("--help") || arg.equals("-h") ? 0 : 2);
            }
        }
        options = options.withPorts(keycloakPort, apiPort).withSandboxPort(sandboxPort).withWebPort(webPort);
        for (Component component : skipped) {
            options = options.withoutComponent(component);
        }

        long startedAt = System.nanoTime();
        System.out.println("Starting Rosterline (logs in " + options.workDir().resolve("logs") + ") ...");
        DevStack stack;
        try {
            stack = DevStack.start(options);
        } catch (StackStartException e) {
            System.err.println();
            System.err.println("Could not start Rosterline: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Rosterline ...");
            stack.close();
            stopped.countDown();
        }, "rosterline-stop"));

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
        line(out, "Web UI", stack.webUiUrl().orElse("(not running: web-ui is not installed; scripts/run-local builds it when present)"));
        line(out, "SIS sandbox", stack.sandboxUrl().map(url -> url + "/ims/oneroster/v1p1  (OneRoster 1.1; OAuth 2 token "
                        + url + "/oauth/token, client sandbox-client / sandbox-secret)")
                .orElse("(not running: sis-sandbox is not built)"));
        if (stack.postgres() != null) {
            line(out, "PostgreSQL", stack.postgres().jdbcUrl(stack.databaseName())
                    + (stack.postgres().isEmbedded() ? "  (embedded)" : "  (local server)"));
        }
        out.append("\nDemo logins (local only):\n");
        out.append("  support        / support         support staff, every district\n");
        out.append("  harbor-admin   / harbor-admin    district admin, Harbor Unified (d1000000-0000-4000-8000-000000000001)\n");
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
