package io.rosterline.api.source;

import java.util.List;
import java.util.Map;

/**
 * What reading a OneRoster CSV zip found: whether it could be read at all (refused means zip bomb, path traversal,
 * not UTF-8, no manifest, not a zip), rows per file, unusable rows with file and line, and lenient-value warnings.
 */
public record CsvCheck(boolean readable, String refusal, String oneRosterVersion, Map<String, Long> counts,
                       long errorCount, List<String> firstErrors, long warningCount, List<String> firstWarnings) {

    public long rows() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
