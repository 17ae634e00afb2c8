package io.rosterline.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C while the stack is still starting: the launcher's shutdown hook calls {@link DevStack#close()} from another
 * thread while {@link DevStack#startAll()} waits for a server. Everything already started must stop, the throw-away
 * database must be dropped (or the embedded PostgreSQL stopped), and the start must give up without starting more.
 */
class DevStackStopWhileStartingTest {

    @TempDir
    Path repoRoot;

    @Test
    void givenTheSandboxIsStillStarting_whenTheStackIsClosed_thenItStopsAndTheThrowAwayDatabaseIsDropped() throws Exception {
        StackOptions options = fakeRepoOptions();

        Stopped result = startThenCloseWhileSandboxStarts(options);

        Postgres postgres = result.postgres();
        if (postgres.isEmbedded()) {
            assertFalse(answers(postgres.port()), "the embedded PostgreSQL is stopped");
        } else {
            try (Postgres check = Postgres.localOrEmbedded(null, 0)) {
                assertFalse(check.databaseExists(options.databaseName()), "throw-away database dropped");
            }
        }
    }

    @Test
    void givenAnEmbeddedPostgres_whenTheStackIsClosedWhileStarting_thenTheEmbeddedServerStops() throws Exception {
        System.setProperty("rosterline.postgres", "embedded");
        try {
            Stopped result = startThenCloseWhileSandboxStarts(fakeRepoOptions());
            assertTrue(result.postgres().isEmbedded());
            assertFalse(answers(result.postgres().port()), "the embedded PostgreSQL is stopped");
        } finally {
            System.clearProperty("rosterline.postgres");
        }
    }

    private record Stopped(Postgres postgres) {
    }

    private Stopped startThenCloseWhileSandboxStarts(StackOptions options) throws Exception {
        DevStack stack = DevStack.create(options);
        CompletableFuture<Void> starting = CompletableFuture.runAsync(stack::startAll);

        ManagedProcess sandbox = awaitProcess(stack, "sis-sandbox", starting);
        assertTrue(stack.postgres().databaseExists(options.databaseName()), "database created before the sandbox started");
        Postgres postgres = stack.postgres();

        stack.close(); // what the Ctrl-C hook does

        ExecutionException failure = assertThrows(ExecutionException.class, () -> starting.get(30, TimeUnit.SECONDS));
        StackStartException cause = assertInstanceOf(StackStartException.class, failure.getCause());
        assertTrue(cause.stoppedWhileStarting(), "reported as stopped, not as a failure: " + cause.getMessage());
        assertFalse(sandbox.isAlive(), "the sandbox process is stopped");
        assertEquals(1, stack.processes().size(), "nothing else was started: " + stack.processes());
        assertFalse(Files.exists(options.workDir().resolve("logs/roster-api.log")), "roster-api never started");
        return new Stopped(postgres);
    }

    /** A repository with a packaged roster-api (never reached) and a sandbox jar that runs NeverReadyServer. */
    private StackOptions fakeRepoOptions() throws Exception {
        Files.createDirectories(repoRoot.resolve("roster-api/target/quarkus-app"));
        Files.writeString(repoRoot.resolve("roster-api/target/quarkus-app/quarkus-run.jar"), "not started in this test");
        Files.createDirectories(repoRoot.resolve("sis-sandbox/target"));
        Path testClasses = Path.of(NeverReadyServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, NeverReadyServer.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        try (OutputStream out = Files.newOutputStream(repoRoot.resolve("sis-sandbox/target/sis-sandbox.jar"));
             JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest-only jar: its Class-Path points at the test classes
        }
        RepoLayout repo = new RepoLayout(repoRoot);
        return StackOptions.systemTest(repo, repoRoot.resolve(".run"))
                .withComponents(EnumSet.of(Component.ROSTER_API, Component.SIS_SANDBOX));
    }

    private static ManagedProcess awaitProcess(DevStack stack, String name, CompletableFuture<Void> starting) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (starting.isDone()) {
                starting.get(); // surfaces why the start ended early
                throw new AssertionError("the stack finished starting, but its sandbox never opens a port");
            }
            for (ManagedProcess process : stack.processes()) {
                if (process.name().equals(name) && process.isAlive() && process.logTail(5).contains("never ready")) {
                    return process;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not start within 60 s");
    }

    private static boolean answers(int port) {
        try (var ignored = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout=2",
                Postgres.USER, Postgres.PASSWORD)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
