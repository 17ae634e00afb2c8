package io.rosterline.sis.model;

import java.time.Instant;
import java.time.LocalDate;

/** A school year, semester, term or grading period. */
public record AcademicSession(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String title,
        String type,
        LocalDate startDate,
        LocalDate endDate,
        String parentSourcedId,
        String schoolYear) implements RosterRecord {

    @Override
    public RosterCollection collection() {
        return RosterCollection.ACADEMIC_SESSIONS;
    }
}
