package io.rosterline.sis.http;

import io.rosterline.sis.SisException;
import io.rosterline.sis.auth.Authenticator;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The one HTTP path every SIS reader uses: java.net.http (no framework, so Quarkus apps and plain tests share it),
 * SmallRye Fault Tolerance retry + circuit breaker per SIS host, and mapping of every failure to a plain-language
 * {@link SisException}. Successful responses are handed over unread, so bodies stream.
 */
public final class SisHttp implements AutoCloseable {

    /** One guard (retry + circuit breaker) per SIS host and policy, shared by all readers in this JVM. */
    private static final Map<String, Guard> GUARDS = new ConcurrentHashMap<>();
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final HttpClient client;
    private final HttpSettings settings;
    private final String sourceLabel;

    /** A 200 response whose body the caller reads and must close. */
    public record Response(URI uri, HttpHeaders headers, InputStream body) implements Closeable {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // the connection is discarded either way
            }
        }
    }

    /** @param sourceLabel how messages name the source, e.g. "The OneRoster server" */
    public SisHttp(HttpSettings settings, String sourceLabel) {
        this.settings = settings;
        this.sourceLabel = sourceLabel;
        this.client = HttpClient.newBuilder()
                // Run the client's own completion steps on its selector thread instead of handing each 16 KB buffer
                // to a pool thread: on a million records that hand-off cost a third of a CPU-second. Safe because
                // nothing of ours blocks in those steps (IdleTimeoutBody only queues buffers; the caller's thread
                // reads them) and the client speaks HTTP/1.1 only, one client per reader.
                .executor(Runnable::run)
                .connectTimeout(settings.connectTimeout())
                // Never follow redirects: a redirect to an internal address would bypass the outbound address checks
                // roster-api makes on the configured URL (server-side request forgery). OneRoster servers don't redirect.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public HttpSettings settings() {
        return settings;
    }

    /** GET with credentials; 200 only, everything else becomes a SisException. */
    public Response get(URI uri, Authenticator auth, String accept) {
        return execute(uri, auth, b -> b.GET().header("Accept", accept), "GET");
    }

    /** POST of a form (token requests). */
    public Response postForm(URI uri, String formBody, Consumer<HttpRequest.Builder> extraHeaders) {
        return execute(uri, Authenticator.none(), b -> {
            b.POST(HttpRequest.BodyPublishers.ofString(formBody))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json");
            extraHeaders.accept(b);
        }, "POST");
    }

    private Response execute(URI uri, Authenticator auth, Consumer<HttpRequest.Builder> shape, String method) {
        Guard guard = guardFor(uri);
        boolean refreshedCredentials = false;
        while (true) {
            try {
                return guard.call(() -> attempt(uri, auth, shape, method), Response.class);
            } catch (Unauthorized e) {
                // A cached OAuth 2 token may have been revoked early, or our clock is off for OAuth 1: the
                // authenticator adjusts and the request is signed and sent once more.
                if (!refreshedCredentials && auth.recoverFromRefusal(e.serverDate)) {
                    refreshedCredentials = true;
                    continue;
                }
                throw new SisException.BadCredentials(sourceLabel + " at " + uri.getHost()
                        + " rejected the " + auth.describe() + " (HTTP 401). Check the key and secret."
                        + suffix(e.detail));
            } catch (CircuitBreakerOpenException e) {
                throw new SisException.Unavailable(sourceLabel + " at " + authority(uri)
                        + " failed repeatedly; requests to it are paused for "
                        + settings.retry().circuitBreakerDelay().toSeconds() + " s. Try again later.", e);
            } catch (TransientFailure e) {
                if (e.why == TransientFailure.Why.CONNECTION) {
                    throw new SisException.Unreachable(e.getMessage() + " (gave up after "
                            + settings.retry().maxRetries() + " retries)", e);
                }
                throw new SisException.Unavailable(e.getMessage() + " (gave up after "
                        + settings.retry().maxRetries() + " retries)", e);
            } catch (SisException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SisException.Unavailable("Reading from " + sourceLabel + " was interrupted.", e);
            } catch (Exception e) {
                throw new SisException.Unreachable("Could not talk to " + sourceLabel + " at " + authority(uri)
                        + ": " + e, e);
            }
        }
    }

    private Response attempt(URI uri, Authenticator auth, Consumer<HttpRequest.Builder> shape, String method)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("User-Agent", "Rosterline-sis-connectors");
        shape.accept(b);
        // Signed inside the attempt: every retry gets a fresh OAuth 1 nonce/timestamp and a current OAuth 2 token.
        auth.authenticate(b, method, uri);
        HttpResponse<InputStream> r;
        try {
            r = client.send(b.build(), IdleTimeoutBody.handler(settings.requestTimeout()));
        } catch (HttpTimeoutException e) {
            throw new TransientFailure(TransientFailure.Why.TIMEOUT, sourceLabel + " at " + authority(uri)
                    + " did not answer within " + settings.requestTimeout().toSeconds() + " s", -1, e);
        } catch (IOException e) {
            if (hasCause(e, UnresolvedAddressException.class) || hasCause(e, UnknownHostException.class)) {
                throw new SisException.HostNotFound(uri.getHost(), e);
            }
            SSLException tls = cause(e, SSLException.class);
            if (tls != null) {
                throw new SisException.TlsFailure(uri.getHost(), tls);
            }
            String what = e instanceof ConnectException ? "refused the connection" : "broke the connection (" + e.getMessage() + ")";
            throw new TransientFailure(TransientFailure.Why.CONNECTION, sourceLabel + " at " + authority(uri)
                    + " " + what, -1, e);
        }
        int status = r.statusCode();
        if (status == 200) {
            return new Response(r.uri(), r.headers(), r.body());
        }
        if (status >= 300 && status < 400) {
            readCapped(r.body());
            String location = r.headers().firstValue("Location").orElse("another address");
            throw new SisException.SourceError(sourceLabel + " answered " + uri.getRawPath() + " with a redirect (HTTP " + status
                    + ") to " + location + ". Rosterline does not follow redirects; if that address is right, enter it as the base URL.");
        }
        String detail = ImsxStatus.describe(readCapped(r.body()));
        if (status == 429) {
            long retryAfter = retryAfterMillis(r.headers().firstValue("Retry-After").orElse(null));
            throw new TransientFailure(TransientFailure.Why.RATE_LIMITED, sourceLabel + " at " + authority(uri)
                    + " kept asking us to slow down (HTTP 429)" + suffix(detail), retryAfter, null);
        }
        if (status >= 500) {
            long retryAfter = status == 503 ? retryAfterMillis(r.headers().firstValue("Retry-After").orElse(null)) : -1;
            throw new TransientFailure(TransientFailure.Why.SERVER_ERROR, sourceLabel + " at " + authority(uri)
                    + " had an internal problem (HTTP " + status + ")" + suffix(detail), retryAfter, null);
        }
        if (status == 401) {
            throw new Unauthorized(detail, httpDate(r.headers().firstValue("Date").orElse(null)));
        }
        if (status == 403) {
            throw new SisException.Forbidden(sourceLabel + " accepted the credentials but does not allow them to read "
                    + uri.getRawPath() + " (HTTP 403). Ask the district to grant roster read access." + suffix(detail));
        }
        if (status == 404) {
            throw new SisException.WrongBasePath(sourceLabel + " has nothing at " + uri.getRawPath()
                    + " (HTTP 404). The base URL's path is probably wrong." + suffix(detail));
        }
        throw new SisException.SourceError(sourceLabel + " refused the request " + uri.getRawPath()
                + " (HTTP " + status + ")" + suffix(detail));
    }

    private static String suffix(String detail) {
        return detail == null || detail.isEmpty() ? "" : " The server said: " + detail;
    }

    private static String readCapped(InputStream in) {
        try (in) {
            return new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Retry-After as delta-seconds or an HTTP date; -1 when absent or unreadable. */
    static long retryAfterMillis(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim())) * 1000L;
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
            } catch (Exception unreadable) {
                return -1;
            }
        }
    }

    /** An RFC 1123 HTTP date, or null when absent or unreadable. */
    static Instant httpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (Exception unreadable) {
            return null;
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return cause(t, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    static String authority(URI uri) {
        return uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private Guard guardFor(URI uri) {
        RetryPolicy p = settings.retry();
        return GUARDS.computeIfAbsent(authority(uri) + "|" + p, key -> Guard.create()
                .withDescription("SIS " + authority(uri))
                .withRetry()
                    .maxRetries(p.maxRetries())
                    .delay(p.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    // Long enough for every retry to wait the longest Retry-After we honour.
                    .maxDuration((p.maxRetries() + 1L) * (p.maxRetryAfter().toMillis() + settings.requestTimeout().toMillis()),
                            ChronoUnit.MILLIS)
                    .whenException(e -> e instanceof TransientFailure)
                    .withCustomBackoff().strategy(() -> new Backoff(p)).done()
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(p.circuitBreakerVolume())
                    .failureRatio(p.circuitBreakerFailureRatio())
                    .delay(p.circuitBreakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .when(e -> e instanceof TransientFailure)
                    .done()
                .build());
    }

    /** Capped exponential backoff with "equal jitter"; a Retry-After from the server wins (up to maxRetryAfter). */
    static final class Backoff implements CustomBackoffStrategy {
        private final RetryPolicy policy;
        private long next;

        Backoff(RetryPolicy policy) {
            this.policy = policy;
            this.next = policy.initialDelay().toMillis();
        }

        @Override
        public void init(long initialDelayInMillis) {
            next = initialDelayInMillis;
        }

        @Override
        public long nextDelayInMillis(Throwable exception) {
            long capped = Math.min(next, policy.maxDelay().toMillis());
            next = Math.min(next * 2, policy.maxDelay().toMillis());
            if (exception instanceof TransientFailure t && t.retryAfterMillis >= 0) {
                return Math.min(t.retryAfterMillis, policy.maxRetryAfter().toMillis());
            }
            long half = Math.max(1, capped / 2);
            return half + ThreadLocalRandom.current().nextLong(half + 1);
        }
    }

    @Override
    public void close() {
        // HttpClient has no close() on Java 17; its threads end when it is unreachable.
    }
}
