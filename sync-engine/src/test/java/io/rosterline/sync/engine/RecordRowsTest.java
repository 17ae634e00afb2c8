package io.rosterline.sync.engine;

import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.model.User;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RecordRowsTest {

    private static User student(String givenName, String email) {
        return new User("u-1", Status.ACTIVE, null, true, "alopez", List.of(), givenName, "Lopez", null, "S1",
                email, Role.STUDENT, List.of(), List.of("sch-1"), List.of(), List.of("09"), List.of());
    }

    @Test
    void givenASisExportWithAStrayNulInANameThenTheRowDropsItAndHashesLikeTheCleanRecord() {
        Map<String, Object> dirty = RecordRows.row(student("An\u0000a", "ana@harbor.example\u0000"));
        Map<String, Object> clean = RecordRows.row(student("Ana", "ana@harbor.example"));

        assertEquals("Ana", dirty.get("givenName"));
        assertEquals("ana@harbor.example", dirty.get("email"));
        assertEquals(RecordRows.hash(clean), RecordRows.hash(dirty));
    }

    @Test
    void givenAClassWhoseTermListCarriesANulThenEveryTermIsCleaned() {
        RosterClass k = new RosterClass("k-1", Status.ACTIVE, null, "Algebra", "ALG", "scheduled", null, List.of(), List.of(),
                "crs-1", "sch-1", List.of("t-1\u0000", "t-2"), List.of());
        assertEquals(List.of("t-1", "t-2"), RecordRows.row(k).get("termSourcedIds"));
    }

    @Test
    void givenTwoRecordsThatDifferInOneFieldThenTheirHashesDiffer() {
        assertNotEquals(RecordRows.hash(RecordRows.row(student("Ana", "ana@harbor.example"))),
                RecordRows.hash(RecordRows.row(student("Ana", "ana.lopez@harbor.example"))));
    }
}
