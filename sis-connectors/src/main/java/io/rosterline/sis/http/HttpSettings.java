package io.rosterline.sis.http;

import java.time.Duration;

/**
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for the response headers of one request (the body then streams freely)
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, RetryPolicy retry) {

    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(120), RetryPolicy.defaults());
    }

    public HttpSettings withRequestTimeout(Duration timeout) {
        return new HttpSettings(connectTimeout, timeout, retry);
    }

    public HttpSettings withRetry(RetryPolicy policy) {
        return new HttpSettings(connectTimeout, requestTimeout, policy);
    }
}
