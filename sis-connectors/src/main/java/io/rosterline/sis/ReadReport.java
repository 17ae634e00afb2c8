package io.rosterline.sis;

import io.rosterline.sis.model.RosterCollection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a read produced: records per collection, warnings (lenient values: total, per kind and the first few
 * messages) and errors (records or files that could not be used). Safe to share between threads.
 */
public final class ReadReport {

    /** How many warning messages are kept verbatim; the rest are only counted. */
    public static final int FIRST_WARNINGS_KEPT = 20;
    /** Errors are kept up to this number so that a broken 2M-row file cannot fill the heap. */
    public static final int ERRORS_KEPT = 200;

    public record Warning(Leniency kind, String where, String message) {
        @Override
        public String toString() {
            return where + ": " + message;
        }
    }

    private final EnumMap<RosterCollection, Long> counts = new EnumMap<>(RosterCollection.class);
    private final EnumMap<Leniency, Long> warningsByKind = new EnumMap<>(Leniency.class);
    private final List<Warning> firstWarnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private long warningCount;
    private long errorCount;

    public ReadReport() {
        for (RosterCollection c : RosterCollection.values()) {
            counts.put(c, 0L);
        }
    }

    public synchronized void counted(RosterCollection collection) {
        counts.merge(collection, 1L, Long::sum);
    }

    public synchronized void warn(Leniency kind, String where, String message) {
        warningCount++;
        warningsByKind.merge(kind, 1L, Long::sum);
        if (firstWarnings.size() < FIRST_WARNINGS_KEPT) {
            firstWarnings.add(new Warning(kind, where, message));
        }
    }

    public synchronized void error(String message) {
        errorCount++;
        if (errors.size() < ERRORS_KEPT) {
            errors.add(message);
        }
    }

    public synchronized long count(RosterCollection collection) {
        return counts.get(collection);
    }

    public synchronized Map<RosterCollection, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    public synchronized long warningCount() {
        return warningCount;
    }

    public synchronized long warningCount(Leniency kind) {
        return warningsByKind.getOrDefault(kind, 0L);
    }

    public synchronized Map<Leniency, Long> warningsByKind() {
        return Collections.unmodifiableMap(new EnumMap<>(warningsByKind));
    }

    public synchronized List<Warning> firstWarnings() {
        return List.copyOf(firstWarnings);
    }

    public synchronized long errorCount() {
        return errorCount;
    }

    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    public synchronized boolean hasErrors() {
        return errorCount > 0;
    }

    @Override
    public synchronized String toString() {
        return "ReadReport{counts=" + counts + ", warnings=" + warningCount + " " + warningsByKind
                + ", errors=" + errors + "}";
    }
}
