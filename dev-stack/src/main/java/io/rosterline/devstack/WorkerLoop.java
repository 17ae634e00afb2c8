package io.rosterline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sync worker as the Kubernetes CronJob runs it, on a short timer: {@code sync-worker once} (claim and run every
 * due run, then exit), again and again, one at a time, each run's output appended to one log.
 *
 * <p>Why not {@code sync-worker daemon}: in this version the daemon never claims anything. {@code DaemonCommand}
 * switches its poller on with {@code poller.active.set(true)} through the injected CDI client proxy, which sets the
 * proxy's own field; the scheduled {@code poll()} runs on the real bean, whose flag stays false, so it returns at once
 * every time (no log line either). Until that is fixed in sync-worker, the launcher drives {@code once} instead: the
 * same claim / read / stage / complete code, started by a timer here rather than by quarkus-scheduler. Run the daemon
 * with {@code -Drosterline.worker.mode=daemon}.
 */
final class WorkerLoop implements AutoCloseable {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path logFile;
    private final Duration interval;
    private final Thread thread;
    private final AtomicInteger runs = new AtomicInteger();
    private volatile boolean stopping;
    private volatile Process current;

    private WorkerLoop(List<String> command, Map<String, String> environment, Path workingDirectory, Path logFile, Duration interval) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        this.interval = interval;
        this.thread = new Thread(this::loop, "sync-worker-once-loop");
        this.thread.setDaemon(true);
    }

    static WorkerLoop start(List<String> command, Map<String, String> environment, Path workingDirectory, Path logFile, Duration interval) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WorkerLoop loop = new WorkerLoop(command, environment, workingDirectory, logFile, interval);
        loop.thread.start();
        return loop;
    }

    private void loop() {
        while (!stopping) {
            try {
                append("--- " + Instant.now() + " sync-worker once\n");
                ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                builder.environment().putAll(environment);
                Process process = builder.start();
                current = process;
                process.getOutputStream().close();
                process.waitFor();
                runs.incrementAndGet();
                if (!stopping) {
                    Thread.sleep(interval.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                append("could not start sync-worker: " + e.getMessage() + "\n");
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void append(String line) {
        try {
            Files.writeString(logFile, line, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a convenience; the loop goes on
        }
    }

    /** How many times the worker ran to its end. */
    int completedRuns() {
        return runs.get();
    }

    Path logFile() {
        return logFile;
    }

    /** Stops the loop; a worker run in progress gets SIGTERM (its lease lets another worker take the run over). */
    @Override
    public void close() {
        stopping = true;
        thread.interrupt(); // ends a sleep or the wait for the current run
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The loop has ended, so no new run starts; stop the one it may have left running.
        Process process = current;
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "sync-worker once every " + interval.toSeconds() + " s (log " + logFile + ")";
    }
}
