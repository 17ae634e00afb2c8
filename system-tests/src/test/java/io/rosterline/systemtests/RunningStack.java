package io.rosterline.systemtests;

import io.rosterline.devstack.Component;
import io.rosterline.devstack.DevStack;
import io.rosterline.devstack.RepoLayout;
import io.rosterline.devstack.StackOptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.Stream;

/**
 * One stack (PostgreSQL database + Keycloak + packaged roster-api + sandbox SIS, on random ports) for the whole test run,
 * started through dev-stack exactly as scripts/run-local starts it, and stopped when the run ends. The fault cases start
 * their sync-worker processes on it themselves ({@link Workers}).
 */
public final class RunningStack implements BeforeAllCallback {

    private static volatile DevStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(RunningStack.class, key -> new Handle(start()), Handle.class);
    }

    private static DevStack start() {
        forgetEarlierFaultFigures();
        RepoLayout repo = RepoLayout.locate();
        StackOptions options = StackOptions.systemTest(repo, Path.of("target", "stack"))
                .withComponents(EnumSet.of(Component.KEYCLOAK, Component.ROSTER_API, Component.SIS_SANDBOX))
                // A small district (2 schools, ~4,500 enrollments) keeps each fault case's sync to seconds on a 2-core machine.
                .withSandboxStudents(600)
                // The fault cases kill workers: a short lease lets a fresh worker take over within seconds (the test
                // workers heartbeat every second, see Workers).
                .withApiProperty("rosterline.sync.lease", "PT10S");
        stack = DevStack.start(options);
        return stack;
    }

    /**
     * The fault cases' figures (target/reliability/*.json) are this run's only: a case renamed or removed since an earlier
     * run must not leave its old figures for scripts/reliability-report to count.
     */
    private static void forgetEarlierFaultFigures() {
        Path figures = Path.of(System.getProperty("rosterline.reliability.dir", "target/reliability"));
        if (!Files.isDirectory(figures)) {
            return;
        }
        try (Stream<Path> files = Files.list(figures)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear " + figures + ": " + e.getMessage(), e);
        }
    }

    public static DevStack stack() {
        return stack;
    }

    private record Handle(DevStack stack) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
