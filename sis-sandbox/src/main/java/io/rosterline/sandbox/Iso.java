package io.rosterline.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** ISO-8601 helpers: OneRoster timestamps are UTC with milliseconds, e.g. 2026-08-01T00:00:00.000Z. */
final class Iso {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Iso() {
    }

    static String instant(long epochMillis) {
        return MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Parses a timestamp or a date (midnight UTC); returns null when the text is neither. */
    static Long parseMillis(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
