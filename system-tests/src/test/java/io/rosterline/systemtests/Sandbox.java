package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sandbox.Truth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The stack's sandbox SIS process: its admin API (fault switches, info, stats) and its generator's model. */
final class Sandbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static volatile Truth truth;

    private Sandbox() {
    }

    static String url() {
        return RunningStack.stack().sandboxUrl().orElseThrow(() -> new AssertionError("the stack has no sandbox SIS"));
    }

    /** Switches faults on, e.g. {"http429Burst":3,"retryAfterSeconds":1}; see sis-sandbox/README.md, Fault switches. */
    static void faults(String json) {
        JsonNode answer = admin("POST", "/admin/faults", json);
        if (answer == null) {
            throw new AssertionError("the sandbox refused the fault switches " + json);
        }
    }

    static void clearFaults() {
        faults("{\"clear\":true}");
    }

    /** The sandbox's request counters (requests.total, status.429, fault.reset, ...). */
    static JsonNode stats() {
        return admin("GET", "/admin/stats", null);
    }

    static long stat(String counter) {
        return stats().path(counter).asLong(0);
    }

    /**
     * The roster exactly as the running sandbox's generator holds it: the same generator, started in this JVM with the
     * seed, size and school year the process reports, read from its model rather than from any API. The process is
     * never mutated by these tests (only fault switches), so the model stays the same for the whole run.
     */
    static Truth truth() {
        if (truth == null) {
            JsonNode info = admin("GET", "/admin/info", null);
            if (info.path("version").asLong() != 0) {
                throw new AssertionError("the stack's sandbox was mutated; its generator's model no longer describes it: " + info);
            }
            SandboxSis.Config config = SandboxSis.Config.defaults().seed(info.path("seed").asLong())
                    .students(info.path("students").asInt()).schoolYear(info.path("schoolYear").asInt())
                    .domain(info.path("domain").asText());
            try (SandboxSis twin = SandboxSis.start(config)) {
                truth = twin.truth();
            }
        }
        return truth;
    }

    private static JsonNode admin(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("sandbox " + method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return Keycloak.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
