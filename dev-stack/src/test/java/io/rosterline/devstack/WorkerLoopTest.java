package io.rosterline.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerLoopTest {

    @TempDir
    Path dir;

    @Test
    void givenAWorkerThatExits_whenLooped_thenItRunsAgainAndAgainOneAtATimeWithItsOutputInOneLog() throws Exception {
        Path counter = dir.resolve("count");
        // Each "run" appends a line to a file and prints, like `sync-worker once` printing "0 run(s) done".
        List<String> command = List.of("sh", "-c", "echo run >> " + counter + "; echo \"$GREETING run(s) done\"");
        try (WorkerLoop loop = WorkerLoop.start(command, Map.of("GREETING", "0"), dir, dir.resolve("logs/sync-worker.log"), Duration.ofMillis(50))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (loop.completedRuns() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(loop.completedRuns() >= 3, "ran " + loop.completedRuns() + " times");
        }
        String log = Files.readString(dir.resolve("logs/sync-worker.log"));
        assertTrue(log.contains("0 run(s) done"), log);
        assertTrue(log.split("sync-worker once").length > 3, log);
        int lines = Files.readAllLines(counter).size();
        Thread.sleep(300);
        assertEquals(lines, Files.readAllLines(counter).size(), "nothing runs after close");
    }

    @Test
    void givenARunInProgress_whenTheLoopIsClosed_thenTheRunIsStopped() throws Exception {
        Path pidFile = dir.resolve("pid");
        List<String> command = List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 300");
        WorkerLoop loop = WorkerLoop.start(command, Map.of(), dir, dir.resolve("logs/sync-worker.log"), Duration.ofSeconds(1));
        for (int i = 0; i < 100 && !(Files.exists(pidFile) && Files.size(pidFile) > 0); i++) {
            Thread.sleep(50);
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle run = ProcessHandle.of(pid).orElseThrow();

        loop.close();

        run.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertFalse(run.isAlive(), "the run in progress was stopped");
        assertEquals(0, loop.completedRuns());
    }

    @Test
    void givenTheWorkersPollSetting_thenTheLoopWaitsThatLongBetweenRuns() {
        StackOptions ephemeral = StackOptions.ephemeral(new RepoLayout(dir), dir.resolve(".run"));
        assertEquals(Duration.ofSeconds(2), DevStack.create(ephemeral).pollInterval());
        assertEquals(Duration.ofMillis(500), DevStack.create(ephemeral.withWorkerPoll("500ms")).pollInterval());
        assertEquals(Duration.ofMinutes(1), DevStack.create(ephemeral.withWorkerPoll("1m")).pollInterval());
        assertEquals(Duration.ofSeconds(15), DevStack.create(ephemeral.withWorkerPoll(null)).pollInterval(), "the worker's own default");
    }
}
