package io.rosterline.sis.model;

import java.time.Instant;
import java.time.LocalDate;

/** A user in a class with a role (student, teacher, ...). */
public record Enrollment(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String classSourcedId,
        String schoolSourcedId,
        String userSourcedId,
        Role role,
        Boolean primary,
        LocalDate beginDate,
        LocalDate endDate) implements RosterRecord {

    @Override
    public RosterCollection collection() {
        return RosterCollection.ENROLLMENTS;
    }
}
