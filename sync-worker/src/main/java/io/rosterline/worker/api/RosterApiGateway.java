package io.rosterline.worker.api;

import io.rosterline.sync.engine.WorkerApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's view of roster-api in the worker process. Transient failures (connection refused, 5xx) are retried
 * with backoff and a circuit breaker stops hammering an API that is down. A lost lease (409) is never retried:
 * the engine must stop. Chunks are idempotent by id, so retrying a post is safe.
 *
 * <p>The calls of a claimed run ride out an outage of roster-api (a pod restarted, a deploy, a failover) for up to two
 * minutes, the default lease, with exponential backoff: a few seconds of retries used to end the run FAILED while the
 * API restarted, and a failed nightly run waits for the next night. If the outage outlasts the lease, the API answers
 * 409 once it is back and the run is retried from a clean start by whichever worker claims it. A refusal (4xx other
 * than 401 and 409) is never retried: the same request would be refused again.
 */
@ApplicationScoped
public class RosterApiGateway implements WorkerApi {

    /** How long the calls of a claimed run keep retrying while roster-api is unreachable or answers 5xx: the default lease. */
    static final long RUN_CALL_PATIENCE_SECONDS = 120;

    @Inject
    @RestClient
    RosterApiClient client;

    /** roster-api refused the request (400, 403, 404, 413, 422...): retrying the same request cannot help. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    @Retry(maxRetries = 4, delay = 500, jitter = 250, maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = LeaseLost.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = LeaseLost.class)
    public Optional<Claim> claim(String workerId) {
        Response response = call(() -> client.claim(Map.of("workerId", workerId)));
        if (response.getStatus() == 204) {
            return Optional.empty();
        }
        return Optional.of(response.readEntity(Claim.class));
    }

    @Override
    @Retry(maxRetries = 100, delay = 500, jitter = 250, maxDuration = RUN_CALL_PATIENCE_SECONDS, durationUnit = ChronoUnit.SECONDS,
            abortOn = {LeaseLost.class, Refused.class})
    @ExponentialBackoff(maxDelay = 5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = {LeaseLost.class, Refused.class})
    public RunSource source(Claim claim) {
        try {
            return client.source(claim.runId(), claim.leaseToken());
        } catch (WebApplicationException e) {
            throw translate(e.getResponse());
        }
    }

    @Override
    @Retry(maxRetries = 100, delay = 500, jitter = 250, maxDuration = RUN_CALL_PATIENCE_SECONDS, durationUnit = ChronoUnit.SECONDS,
            abortOn = {LeaseLost.class, Refused.class})
    @ExponentialBackoff(maxDelay = 5000)
    public InputStream digest(Claim claim, String collection) {
        try {
            return client.digest(claim.runId(), claim.leaseToken(), collection);
        } catch (WebApplicationException e) {
            throw translate(e.getResponse());
        }
    }

    @Override
    @Retry(maxRetries = 100, delay = 500, jitter = 250, maxDuration = RUN_CALL_PATIENCE_SECONDS, durationUnit = ChronoUnit.SECONDS,
            abortOn = {LeaseLost.class, Refused.class})
    @ExponentialBackoff(maxDelay = 5000)
    public InputStream archive(Claim claim) {
        try {
            return client.archive(claim.runId(), claim.leaseToken());
        } catch (WebApplicationException e) {
            throw translate(e.getResponse());
        }
    }

    @Override
    @Retry(maxRetries = 100, delay = 500, jitter = 250, maxDuration = RUN_CALL_PATIENCE_SECONDS, durationUnit = ChronoUnit.SECONDS,
            abortOn = {LeaseLost.class, Refused.class})
    @ExponentialBackoff(maxDelay = 5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = {LeaseLost.class, Refused.class})
    public List<String> includedCourses(Claim claim, List<Map<String, Object>> courses) {
        try {
            return client.courses(claim.runId(), claim.leaseToken(), Map.of("courses", courses)).courseSourcedIds();
        } catch (WebApplicationException e) {
            throw translate(e.getResponse());
        }
    }

    @Override
    @Retry(maxRetries = 100, delay = 500, jitter = 250, maxDuration = RUN_CALL_PATIENCE_SECONDS, durationUnit = ChronoUnit.SECONDS,
            abortOn = {LeaseLost.class, Refused.class})
    @ExponentialBackoff(maxDelay = 5000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.8, delay = 30, delayUnit = ChronoUnit.SECONDS, skipOn = {LeaseLost.class, Refused.class})
    public void postChunk(Claim claim, Chunk chunk) {
        call(() -> client.chunk(claim.runId(), claim.leaseToken(), chunk));
    }

    @Override
    @Retry(maxRetries = 2, delay = 1000, abortOn = LeaseLost.class)
    public void heartbeat(Claim claim, Progress progress) {
        call(() -> client.heartbeat(claim.runId(), claim.leaseToken(), progress));
    }

    @Override
    @Retry(maxRetries = 100, delay = 500, jitter = 250, maxDuration = RUN_CALL_PATIENCE_SECONDS, durationUnit = ChronoUnit.SECONDS,
            abortOn = {LeaseLost.class, Refused.class})
    @ExponentialBackoff(maxDelay = 5000)
    public void complete(Claim claim, Map<String, Object> readReport) {
        call(() -> client.complete(claim.runId(), claim.leaseToken(), Map.of("readReport", readReport)));
    }

    @Override
    @Retry(maxRetries = 100, delay = 500, jitter = 250, maxDuration = RUN_CALL_PATIENCE_SECONDS, durationUnit = ChronoUnit.SECONDS,
            abortOn = {LeaseLost.class, Refused.class})
    @ExponentialBackoff(maxDelay = 5000)
    public void fail(Claim claim, String error) {
        call(() -> client.fail(claim.runId(), claim.leaseToken(), Map.of("error", error)));
    }

    private static Response call(java.util.function.Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (WebApplicationException e) {
            response = e.getResponse();
        }
        if (response.getStatus() >= 300) {
            throw translate(response);
        }
        return response;
    }

    private static RuntimeException translate(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        String detail = body;
        try {
            detail = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("detail").asText(body);
        } catch (Exception ignored) {
            // not problem+json
        }
        if (response.getStatus() == 409) {
            return new LeaseLost(detail);
        }
        String message = "roster-api answered HTTP " + response.getStatus() + ": " + detail;
        // 401: the token may have expired on the way; the OIDC filter fetches a fresh one for the retry.
        if (response.getStatus() >= 400 && response.getStatus() < 500 && response.getStatus() != 401) {
            return new Refused(message);
        }
        return new IllegalStateException(message);
    }
}
