package io.rosterline.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void givenAProcessThatForksChildren_whenItIsClosed_thenTheWholeTreeIsGone() throws Exception {
        // Like kc.sh (shell -> java) and npm (npm -> node): the parent is a shell that ignores TERM while it waits.
        ManagedProcess process = ManagedProcess.start("forker",
                List.of("sh", "-c", "sleep 300 & sleep 300 & echo started; wait"),
                Map.of(), dir, dir.resolve("forker.log"));
        waitForLog(process, "started");
        List<ProcessHandle> children = ProcessHandle.of(process.pid()).orElseThrow().descendants().toList();
        assertEquals(2, children.size(), "two sleeping children");

        process.close();

        assertFalse(process.isAlive());
        for (ProcessHandle child : children) {
            child.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "child " + child.pid() + " stopped");
        }
    }

    @Test
    void givenAServerThatDiesBeforeItIsReady_whenWaitingForIt_thenTheErrorQuotesItsLog() {
        ManagedProcess process = ManagedProcess.start("broken",
                List.of("sh", "-c", "echo 'Port 8080 already in use'; exit 3"),
                Map.of(), dir, dir.resolve("broken.log"));

        StackStartException error = assertThrows(StackStartException.class, () -> Readiness.awaitHttpOk(process,
                java.net.URI.create("http://127.0.0.1:" + Ports.freePort() + "/q/health/ready"), Duration.ofSeconds(30)));

        assertTrue(error.getMessage().contains("exited with code 3"), error.getMessage());
        assertTrue(error.getMessage().contains("Port 8080 already in use"), error.getMessage());
    }

    @Test
    void givenAPortSomeoneListensOn_whenCheckedForTheStack_thenItIsReportedTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            assertFalse(Ports.isFree(taken.getLocalPort()));
        }
        assertTrue(Ports.isFree(Ports.freePort()));
    }

    private static void waitForLog(ManagedProcess process, String text) throws InterruptedException {
        for (int i = 0; i < 100 && !process.logTail(5).contains(text); i++) {
            Thread.sleep(100);
        }
        assertTrue(process.logTail(5).contains(text), "process wrote '" + text + "'");
    }
}
