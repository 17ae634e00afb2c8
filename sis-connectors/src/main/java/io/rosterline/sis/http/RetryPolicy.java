package io.rosterline.sis.http;

import java.time.Duration;

/**
 * How hard to try before giving up on a SIS host. Retries cover 429 (honouring Retry-After), 5xx, timeouts and
 * refused/broken connections, with capped exponential backoff plus jitter. The circuit breaker is shared by every
 * reader talking to the same host with the same policy, so a struggling SIS is not hammered by parallel syncs.
 */
public record RetryPolicy(
        int maxRetries,
        Duration initialDelay,
        Duration maxDelay,
        Duration maxRetryAfter,
        int circuitBreakerVolume,
        double circuitBreakerFailureRatio,
        Duration circuitBreakerDelay) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5),
                20, 0.75, Duration.ofSeconds(30));
    }

    public RetryPolicy withMaxRetries(int n) {
        return new RetryPolicy(n, initialDelay, maxDelay, maxRetryAfter, circuitBreakerVolume,
                circuitBreakerFailureRatio, circuitBreakerDelay);
    }
}
