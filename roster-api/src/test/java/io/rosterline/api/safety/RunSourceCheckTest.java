package io.rosterline.api.safety;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reading a stored reason back into its changes: one per check sentence, the advice left out. */
class RunSourceCheckTest {

    private static final String COLUMNS = "The source's users no longer carry email: 20 of the 20 that had it would lose it, so the "
            + "email column seems to be missing or renamed since the last good run.";
    private static final String COURSES = "The source's courses no longer carry courseCode: 12 of the 12 that had it would lose it, so "
            + "the courseCode column seems to be missing or renamed since the last good run.";
    private static final String ENCODING = "The source's text arrives in another encoding: 30 users changed familyName into its UTF-8 "
            + "bytes read as Latin-1 (Jos\u00e9 became Jos\u00c3\u00a9), so the export's file encoding seems to have changed since the last good run.";
    private static final String SIZE = "The source now has 1 active schools, under 50 % of the 3 of the last good run; 40 active users, "
            + "under 50 % of the 300 of the last good run.";

    @Test
    void every_check_sentence_becomes_one_change_in_order_without_the_advice() {
        List<RunSourceCheck.Change> changes = RunSourceCheck.changes(String.join(" ", COLUMNS, COURSES, ENCODING, SIZE) + RunSourceCheck.ADVICE);
        assertEquals(List.of(new RunSourceCheck.Change(RunSourceCheck.Check.COLUMNS, "email", COLUMNS),
                new RunSourceCheck.Change(RunSourceCheck.Check.COLUMNS, "courseCode", COURSES),
                new RunSourceCheck.Change(RunSourceCheck.Check.ENCODING, null, ENCODING),
                new RunSourceCheck.Change(RunSourceCheck.Check.SIZE, null, SIZE)), changes);
    }

    @Test
    void a_reason_in_an_unknown_wording_is_kept_whole_without_a_check() {
        assertEquals(List.of(new RunSourceCheck.Change(null, null, "Something else happened.")),
                RunSourceCheck.changes("Something else happened."));
        assertNull(RunSourceCheck.of(null, null, null, null, null));
    }
}
