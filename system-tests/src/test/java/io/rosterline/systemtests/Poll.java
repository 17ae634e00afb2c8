package io.rosterline.systemtests;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a condition by asking it again and again (never a fixed sleep standing in for synchronisation). */
final class Poll {

    private Poll() {
    }

    /** Asks every {@code every} until the supplier answers a value; fails naming what was awaited after the timeout. */
    static <T> T until(String what, Duration timeout, Duration every, Supplier<Optional<T>> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, Duration.ofMillis(100), () -> condition.get() ? Optional.of(true) : Optional.empty());
    }
}
