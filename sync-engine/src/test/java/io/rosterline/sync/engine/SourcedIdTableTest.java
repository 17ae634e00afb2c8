package io.rosterline.sync.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourcedIdTableTest {

    @TempDir
    Path tmp;

    @Test
    void given_a_digest_of_many_records_when_the_source_is_compared_then_unchanged_changed_and_unseen_records_are_told_apart() throws IOException {
        // 100,000 records: the table starts at 16 slots and doubles many times on the way.
        try (SourcedIdTable digest = new SourcedIdTable(16, tmp)) {
            for (int i = 0; i < 100_000; i++) {
                digest.put(SourcedIdTable.keyOf("enr-" + i), i * 31L);
            }
            assertEquals(100_000, digest.size());
            assertEquals(0, digest.seenCount());

            // The source has every record but the last 10; record 7 changed; one record is new.
            for (int i = 0; i < 99_990; i++) {
                boolean unchanged = digest.markSeenAndCompare(SourcedIdTable.keyOf("enr-" + i), i == 7 ? -1 : i * 31L);
                assertEquals(i != 7, unchanged, "record " + i);
            }
            assertFalse(digest.markSeenAndCompare(SourcedIdTable.keyOf("enr-new"), 5), "a record not in the digest differs");

            assertEquals(99_990, digest.seenCount());
            assertTrue(digest.wasSeen(SourcedIdTable.keyOf("enr-0")));
            for (int i = 99_990; i < 100_000; i++) {
                assertFalse(digest.wasSeen(SourcedIdTable.keyOf("enr-" + i)), "record " + i + " is gone from the source");
            }
            assertEquals(100_000, digest.size(), "comparing adds nothing");
        }
        try (var left = Files.list(tmp)) {
            assertEquals(0, left.count(), "the mapped files have no name on disk: nothing is left behind");
        }
    }

    @Test
    void given_a_set_of_ids_when_an_id_is_added_twice_then_it_is_new_only_the_first_time() {
        try (SourcedIdTable people = new SourcedIdTable(1, tmp)) {
            assertTrue(people.add(SourcedIdTable.keyOf("stu-1")));
            assertFalse(people.add(SourcedIdTable.keyOf("stu-1")));
            assertTrue(people.add(SourcedIdTable.keyOf(null)), "a missing id is one member of its own");
            assertTrue(people.contains(SourcedIdTable.keyOf("stu-1")));
            assertFalse(people.contains(SourcedIdTable.keyOf("stu-2")));
            assertEquals(2, people.size());
        }
    }

    @Test
    void given_the_key_zero_which_marks_an_empty_slot_when_stored_then_it_is_still_found() {
        try (SourcedIdTable table = new SourcedIdTable(4, tmp)) {
            table.put(0L, 42L);
            assertTrue(table.contains(0L));
            assertTrue(table.markSeenAndCompare(0L, 42L));
            assertEquals(1, table.seenCount());
        }
    }
}
