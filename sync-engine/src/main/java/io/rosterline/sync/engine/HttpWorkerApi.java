package io.rosterline.sync.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The worker protocol over java.net.http with a bearer token from a supplier. Used by tests and the benchmark, which
 * have no OIDC provider of their own; the worker process uses {@code RosterApiGateway} instead.
 */
public final class HttpWorkerApi implements WorkerApi {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String base;
    private final Supplier<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            // HTTP/1.1: the JDK client's h2c upgrade on a fresh connection was sometimes reset by the server mid-handshake.
            .version(HttpClient.Version.HTTP_1_1).build();

    public HttpWorkerApi(String rosterApiBaseUrl, Supplier<String> token) {
        this.base = rosterApiBaseUrl.endsWith("/") ? rosterApiBaseUrl.substring(0, rosterApiBaseUrl.length() - 1) : rosterApiBaseUrl;
        this.token = token;
    }

    @Override
    public Optional<Claim> claim(String workerId) {
        HttpResponse<byte[]> response = send(post("/api/v1/worker/claims", Map.of("workerId", workerId), null));
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        return Optional.of(read(response, Claim.class));
    }

    @Override
    public RunSource source(Claim claim) {
        return read(send(get("/api/v1/worker/runs/" + claim.runId() + "/source", claim)), RunSource.class);
    }

    @Override
    public InputStream digest(Claim claim, String collection) {
        return stream(get("/api/v1/worker/runs/" + claim.runId() + "/digest?collection=" + collection, claim));
    }

    @Override
    public InputStream archive(Claim claim) {
        return stream(get("/api/v1/worker/runs/" + claim.runId() + "/source/archive", claim));
    }

    /** The course selection's answer: {"courseSourcedIds": [...]}. */
    record IncludedCourses(List<String> courseSourcedIds) {
    }

    @Override
    public List<String> includedCourses(Claim claim, List<Map<String, Object>> courses) {
        return read(send(post("/api/v1/worker/runs/" + claim.runId() + "/courses", Map.of("courses", courses), claim)),
                IncludedCourses.class).courseSourcedIds();
    }

    private InputStream stream(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes());
                throw failure(response.statusCode(), body);
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("roster-api is not reachable at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void postChunk(Claim claim, Chunk chunk) {
        check(send(post("/api/v1/worker/runs/" + claim.runId() + "/chunks", chunk, claim)));
    }

    @Override
    public void heartbeat(Claim claim, Progress progress) {
        check(send(post("/api/v1/worker/runs/" + claim.runId() + "/heartbeat", progress, claim)));
    }

    @Override
    public void complete(Claim claim, Map<String, Object> readReport) {
        check(send(post("/api/v1/worker/runs/" + claim.runId() + "/complete", Map.of("readReport", readReport), claim)));
    }

    @Override
    public void fail(Claim claim, String error) {
        check(send(post("/api/v1/worker/runs/" + claim.runId() + "/fail", Map.of("error", error), claim)));
    }

    private HttpRequest get(String path, Claim claim) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Authorization", "Bearer " + token.get()).timeout(Duration.ofMinutes(5));
        if (claim != null) {
            b.header("Lease-Token", claim.leaseToken().toString());
        }
        return b.build();
    }

    private HttpRequest post(String path, Object body, Claim claim) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token.get()).timeout(Duration.ofMinutes(5));
            if (claim != null) {
                b.header("Lease-Token", claim.leaseToken().toString());
            }
            return b.build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("roster-api is not reachable at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(HttpResponse<byte[]> response) {
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), new String(response.body()));
        }
    }

    private static <T> T read(HttpResponse<byte[]> response, Class<T> type) {
        check(response);
        try {
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("roster-api answered with unreadable JSON: " + e.getMessage(), e);
        }
    }

    static RuntimeException failure(int status, String body) {
        String detail = body;
        try {
            detail = JSON.readTree(body).path("detail").asText(body);
        } catch (IOException ignored) {
            // not problem+json; keep the raw body
        }
        if (status == 409) {
            return new LeaseLost(detail);
        }
        return new IllegalStateException("roster-api answered HTTP " + status + ": " + detail);
    }
}
