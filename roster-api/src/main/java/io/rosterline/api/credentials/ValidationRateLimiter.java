package io.rosterline.api.credentials;

import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live checks per district in a sliding minute. Each check calls the district's SIS, so a loop in a script (or a
 * stolen token) must not turn Rosterline into a hammer. Per pod: with N replicas a district gets at most N times the
 * limit, which still bounds the load.
 */
@ApplicationScoped
public class ValidationRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<UUID, Deque<Long>> recent = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ValidationRateLimiter(CredentialsConfig config) {
        this.perMinute = config.validationsPerMinute();
    }

    /** Takes one check from the district's allowance, or answers 429. */
    public void acquire(UUID districtId) {
        long now = clock.millis();
        Deque<Long> times = recent.computeIfAbsent(districtId, id -> new ArrayDeque<>());
        long waitMillis;
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
                times.pollFirst();
            }
            if (times.size() < perMinute) {
                times.addLast(now);
                return;
            }
            waitMillis = times.peekFirst() + WINDOW.toMillis() - now;
        }
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "The connection was checked " + perMinute
                + " times in the last minute. Wait " + seconds + " seconds and try again; nothing was changed.");
    }
}
