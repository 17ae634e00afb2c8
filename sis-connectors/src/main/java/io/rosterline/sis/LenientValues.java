package io.rosterline.sis;

import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.Status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the loosely typed values that real SIS send. Every value that is not exactly what OneRoster specifies but can
 * still be understood is accepted and reported as a warning; a value that cannot be understood is left empty and
 * reported too. Shared by every reader so that all sources are equally tolerant.
 */
public final class LenientValues {

    public static final Map<String, String> ORG_TYPES = canonical("department", "school", "district", "local", "state", "national");
    public static final Map<String, String> SESSION_TYPES = canonical("gradingPeriod", "semester", "schoolYear", "term");
    public static final Map<String, String> CLASS_TYPES = canonical("homeroom", "scheduled");
    public static final Map<String, String> ROLE_TYPES = canonical("primary", "secondary");

    private final ReadReport report;

    public LenientValues(ReadReport report) {
        this.report = report;
    }

    public ReadReport report() {
        return report;
    }

    private static Map<String, String> canonical(String... values) {
        Map<String, String> m = new HashMap<>();
        for (String v : values) {
            m.put(v.toLowerCase(Locale.ROOT), v);
        }
        return Map.copyOf(m);
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static String emptyToNull(String s) {
        return blank(s) ? null : s;
    }

    /**
     * @param required whether OneRoster requires a status here (REST and CSV delta files); CSV bulk files may leave
     *                 it blank, which means active.
     */
    public Status status(String raw, boolean required, String where) {
        if (blank(raw)) {
            if (required) {
                report.warn(Leniency.STATUS_MISSING, where, "no status; read as active");
            }
            return Status.ACTIVE;
        }
        switch (raw) {
            case "active":
                return Status.ACTIVE;
            case "tobedeleted":
                return Status.TOBEDELETED;
            default:
                break;
        }
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        switch (lower) {
            case "inactive":
                report.warn(Leniency.STATUS_INACTIVE, where, "status '" + raw + "' is OneRoster 1.0; read as inactive");
                return Status.INACTIVE;
            case "active":
                report.warn(Leniency.ENUM_CASE, where, "status '" + raw + "' read as 'active'");
                return Status.ACTIVE;
            case "tobedeleted":
            case "deleted":
                report.warn(Leniency.ENUM_CASE, where, "status '" + raw + "' read as 'tobedeleted'");
                return Status.TOBEDELETED;
            default:
                report.warn(Leniency.UNKNOWN_ENUM_VALUE, where, "unknown status '" + raw + "'; read as active");
                return Status.ACTIVE;
        }
    }

    /** ISO 8601 date-time. A date alone is read as midnight UTC (warning); anything else unreadable is left empty. */
    public Instant timestamp(String raw, String where) {
        if (blank(raw)) {
            return null;
        }
        Instant fast = fastUtcInstant(raw);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException notOffset) {
            // fall through to the lenient forms below
        }
        if (raw.length() == 10) {
            try {
                Instant i = LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
                report.warn(Leniency.DATE_ONLY_TIMESTAMP, where, "timestamp '" + raw + "' has no time; read as midnight UTC");
                return i;
            } catch (DateTimeParseException notDate) {
                // fall through
            }
        }
        try {
            Instant i = LocalDateTime.parse(raw).toInstant(ZoneOffset.UTC);
            report.warn(Leniency.DATE_ONLY_TIMESTAMP, where, "timestamp '" + raw + "' has no time zone; read as UTC");
            return i;
        } catch (DateTimeParseException unreadable) {
            report.warn(Leniency.UNREADABLE_DATE, where, "timestamp '" + raw + "' is not ISO 8601; left empty");
            return null;
        }
    }

    /**
     * Parses the common form yyyy-MM-ddTHH:mm:ss[.fraction]Z without a formatter: on a million records the
     * java.time parser is a measurable share of the read time.
     */
    static Instant fastUtcInstant(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n - 1 - 20 > 9 || n - 1 - 20 < 1) {
                return null;
            }
            int frac = digits(s, 20, n - 1);
            if (frac < 0) {
                return null;
            }
            nanos = frac;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86400L + hour * 3600L + minute * 60L + second, nanos);
        } catch (java.time.DateTimeException badDay) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** ISO date (yyyy-MM-dd); a full timestamp is cut to its date. */
    public LocalDate date(String raw, String where) {
        if (blank(raw)) {
            return null;
        }
        if (raw.length() >= 10 && raw.charAt(4) == '-' && raw.charAt(7) == '-') {
            // Fast path for yyyy-MM-dd (every enrollment has two dates).
            int y = digits(raw, 0, 4), m = digits(raw, 5, 7), d = digits(raw, 8, 10);
            if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && (raw.length() == 10 || raw.charAt(10) == 'T')) {
                try {
                    return LocalDate.of(y, m, d);
                } catch (java.time.DateTimeException badDay) {
                    // fall through to the message below
                }
            }
        }
        try {
            return LocalDate.parse(raw.length() > 10 && raw.charAt(10) == 'T' ? raw.substring(0, 10) : raw);
        } catch (DateTimeParseException e) {
            report.warn(Leniency.UNREADABLE_DATE, where, "date '" + raw + "' is not yyyy-MM-dd; left empty");
            return null;
        }
    }

    public Boolean bool(String raw, String field, String where) {
        if (blank(raw)) {
            return null;
        }
        if (raw.equals("true")) {
            return Boolean.TRUE;
        }
        if (raw.equals("false")) {
            return Boolean.FALSE;
        }
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        Boolean value = switch (lower) {
            case "true", "1", "yes", "y", "t" -> Boolean.TRUE;
            case "false", "0", "no", "n", "f" -> Boolean.FALSE;
            default -> null;
        };
        if (value == null) {
            report.warn(Leniency.UNKNOWN_ENUM_VALUE, where, field + " '" + raw + "' is not a boolean; left empty");
        } else {
            report.warn(Leniency.BOOLEAN_FORM, where, field + " '" + raw + "' read as " + value);
        }
        return value;
    }

    /** A number sent where OneRoster wants a JSON boolean (libre-oneroster sends 1/0). */
    public Boolean boolFromNumber(long n, String field, String where) {
        report.warn(Leniency.BOOLEAN_FORM, where, field + " " + n + " read as " + (n != 0));
        return n != 0;
    }

    public Role role(String raw, String where) {
        if (blank(raw)) {
            return null;
        }
        Role exact = Role.exact(raw);
        if (exact != null) {
            return exact;
        }
        Role any = Role.ignoringCase(raw.trim());
        if (any != null) {
            report.warn(Leniency.ENUM_CASE, where, "role '" + raw + "' read as '" + any.oneRosterName() + "'");
            return any;
        }
        report.warn(Leniency.UNKNOWN_ENUM_VALUE, where, "unknown role '" + raw + "'; left empty");
        return null;
    }

    /** Normalises the letter case of an enumerated value; unknown values are kept as given. */
    public String enumValue(String raw, Map<String, String> allowed, String field, String where) {
        if (blank(raw)) {
            return null;
        }
        String canonical = allowed.get(raw.toLowerCase(Locale.ROOT).trim());
        if (canonical == null) {
            if (!raw.startsWith("ext:")) {
                report.warn(Leniency.UNKNOWN_ENUM_VALUE, where, field + " '" + raw + "' is not a OneRoster value; kept");
            }
            return raw;
        }
        if (!canonical.equals(raw)) {
            report.warn(Leniency.ENUM_CASE, where, field + " '" + raw + "' read as '" + canonical + "'");
        }
        return canonical;
    }

    /** A comma-separated list inside one CSV field ("09,10,11"); blanks dropped. */
    public static List<String> commaList(String raw) {
        if (blank(raw)) {
            return List.of();
        }
        if (raw.indexOf(',') < 0) {
            return List.of(raw.trim());
        }
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
