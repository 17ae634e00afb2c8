package io.rosterline.api.support;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock during tests (it replaces the default Clock bean). It runs in real time until a test sets
 * a day; tests that set one call {@link #reset()} afterwards.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;

    /** Noon of this day in Los Angeles, where the test districts are. */
    public void setToday(LocalDate day) {
        fixed = day.atTime(LocalTime.NOON).atZone(ZoneId.of("America/Los_Angeles")).toInstant();
    }

    public void setTo(Instant instant) {
        fixed = instant;
    }

    public void advance(java.time.Duration duration) {
        fixed = instant().plus(duration);
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }
}
