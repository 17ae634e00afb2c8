package io.rosterline.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polls an HTTP endpoint until it answers 200, failing early (with the log tail) if the process dies. */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Readiness() {
    }

    static void awaitHttpOk(ManagedProcess process, URI uri, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackStartException(process.name() + " exited with code " + process.exitCode()
                        + " before it was ready. Last lines of " + process.logFile() + ":\n" + process.logTail(40));
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                lastProblem = "HTTP " + response.statusCode();
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("Interrupted while waiting for " + process.name(), e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new StackStartException(process.name() + " was not ready at " + uri + " within " + timeout.toSeconds()
                + " s (last answer: " + lastProblem + "). Last lines of " + process.logFile() + ":\n" + process.logTail(40));
    }

    /** For servers without a health endpoint: ready once the TCP port accepts connections. */
    static void awaitPortOpen(ManagedProcess process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackStartException(process.name() + " exited with code " + process.exitCode()
                        + " before it was ready. Last lines of " + process.logFile() + ":\n" + process.logTail(40));
            }
            try (java.net.Socket ignored = new java.net.Socket()) {
                ignored.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(300));
            }
        }
        throw new StackStartException(process.name() + " did not open port " + port + " within "
                + timeout.toSeconds() + " s. Last lines of " + process.logFile() + ":\n" + process.logTail(40));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted", e);
        }
    }
}
