package io.rosterline.api.safety;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On a run, why the fail-safe source checks stopped it, read back from the reason {@link SafetyGate} stored in
 * run_source_check. The stored text stays the one source of truth (no migration, and runs stopped before this view
 * existed read the same way): each change SafetyGate finds is one sentence with a fixed opening, matched here by
 * {@link Check}; SourceChecksTest asserts the wording and this reading together.
 */
@Schema(name = "RunSourceCheck", description = "Why the fail-safe source checks stopped this run, and whether an admin accepted the "
        + "change (then the district's next run skips these checks once). Absent on every run the source checks did not stop.",
        example = """
                {"changes":[{"check":"COLUMNS","column":"email","text":"The source's users no longer carry email: 1480 of the 1500 \
                that had it would lose it, so the email column seems to be missing or renamed since the last good run."}],
                 "failedAt":"2026-11-24T08:12:03Z","accepted":true,"acceptedBy":"harbor-admin","acceptedAt":"2026-11-24T15:40:00Z",
                 "usedByRunId":null}""")
public record RunSourceCheck(
        @Schema(description = "Each change the checks found, in the order they were judged.") List<Change> changes,
        Instant failedAt,
        @Schema(description = "True once an admin accepted the change.") boolean accepted,
        String acceptedBy,
        Instant acceptedAt,
        @Schema(description = "The run that skipped the checks thanks to the acceptance; null while it has not been used.")
        UUID usedByRunId) {

    /** Which of the source checks found the change. */
    @Schema(name = "SourceCheckKind", description = "COLUMNS: a column the roster has is (nearly) empty in the export, i.e. missing "
            + "or renamed; ENCODING: the export's text encoding changed; SIZE: a record type is far smaller than the last good run.")
    public enum Check {
        COLUMNS("The source's [a-z ]+ no longer carry (?<column>\\S+): "),
        ENCODING("The source's text arrives in another encoding: "),
        SIZE("The source now has ");

        /** How this check's sentence starts in the stored reason. */
        final Pattern opening;

        Check(String opening) {
            this.opening = Pattern.compile(opening);
        }
    }

    @Schema(name = "SourceCheckChange", description = "One change the source checks found, in plain words; check is null only for "
            + "a reason in a wording this version does not know.")
    public record Change(Check check,
                         @Schema(description = "The column that seems missing or renamed (COLUMNS only), as the OneRoster field.")
                         String column,
                         String text) {
    }

    /** The advice SafetyGate appends to every stopped run's reason; not a change, so not part of {@link #changes}. */
    static final String ADVICE = " The run was stopped so that this does not turn into mass removals; nothing was "
            + "applied. Check that the export is complete and unchanged and run again, or, if the change is intended, accept it "
            + "(POST .../runs/{runId}/accept-source-change) and run again.";

    private static final Pattern ANY_OPENING = Pattern.compile(String.join("|",
            java.util.Arrays.stream(Check.values()).map(k -> "(?:" + k.opening.pattern() + ")").toList()));

    /** Null when the run has no stored source check (any run the checks did not stop). */
    public static RunSourceCheck of(String reason, Instant failedAt, String acceptedBy, Instant acceptedAt, UUID usedByRunId) {
        if (reason == null) {
            return null;
        }
        return new RunSourceCheck(changes(reason), failedAt, acceptedAt != null, acceptedBy, acceptedAt, usedByRunId);
    }

    static List<Change> changes(String reason) {
        String text = reason.endsWith(ADVICE) ? reason.substring(0, reason.length() - ADVICE.length()) : reason;
        List<Integer> starts = new ArrayList<>();
        Matcher m = ANY_OPENING.matcher(text);
        while (m.find()) {
            starts.add(m.start());
        }
        if (starts.isEmpty() || starts.get(0) != 0) {
            // Not written by these checks (an older wording): still say what was stored rather than nothing.
            starts.add(0, 0);
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            String sentence = text.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : text.length()).trim();
            if (!sentence.isEmpty()) {
                changes.add(change(sentence));
            }
        }
        return changes;
    }

    private static Change change(String sentence) {
        for (Check check : Check.values()) {
            Matcher m = check.opening.matcher(sentence);
            if (m.lookingAt()) {
                return new Change(check, check == Check.COLUMNS ? m.group("column") : null, sentence);
            }
        }
        return new Change(null, null, sentence);
    }
}
