package io.rosterline.api.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for what a background thread of roster-api does (the mail dispatcher, the readiness precompute, the SFTP
 * server's upload handling): polls every 100 ms until the answer is there, and fails naming what did not happen.
 */
public final class Await {

    private Await() {
    }

    /** The first non-null answer of {@code poll}; null means "not yet". */
    public static <T> T until(String what, Duration within, Supplier<T> poll) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            T answer = poll.get();
            if (answer != null) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    public static void untilTrue(String what, Duration within, BooleanSupplier condition) {
        until(what, within, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }
}
