package io.rosterline.api.selection;

import io.rosterline.api.common.Problem;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by the bulk selections of schools and courses: one form at a time, no id both in and out. */
final class SelectionRequests {

    private SelectionRequests() {
    }

    static List<String> clean(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                unique.add(id.trim());
            }
        }
        return List.copyOf(unique);
    }

    /** Validates the either-lists-or-all shape; returns nothing, throws a 400 naming the field. */
    static void requireOneForm(List<String> include, List<String> exclude, List<String> clear, Boolean all, boolean includedGiven,
                               boolean clearAllowed) {
        boolean listed = !include.isEmpty() || !exclude.isEmpty() || !clear.isEmpty();
        if (Boolean.TRUE.equals(all)) {
            if (listed) {
                throw ProblemException.invalid("all", "use either all=true or lists of ids, not both");
            }
            if (!includedGiven && !clearAllowed) {
                throw ProblemException.invalid("included", "with all=true, say whether to include (true) or exclude (false)");
            }
            return;
        }
        if (!listed) {
            throw ProblemException.invalid("include", "list the ids to include or exclude, or send all=true");
        }
        List<String> both = new ArrayList<>(include);
        both.retainAll(exclude);
        if (!both.isEmpty()) {
            throw ProblemException.invalid("exclude", "listed to include and to exclude at once: " + preview(both));
        }
    }

    static ProblemException unknown(String field, String what, List<String> unknownIds) {
        return new ProblemException(ProblemType.VALIDATION, "Check the highlighted fields and try again.",
                List.of(new Problem.FieldError(field, "unknown " + what + ": " + preview(unknownIds))));
    }

    static String preview(List<String> ids) {
        return ids.size() <= 5 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
    }

    /** Escapes a user's search text for LIKE and wraps it for "contains". */
    static String containsPattern(String search) {
        String escaped = search.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
