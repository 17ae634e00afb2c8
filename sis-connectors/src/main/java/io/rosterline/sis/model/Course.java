package io.rosterline.sis.model;

import java.time.Instant;
import java.util.List;

/** A course (the catalogue entry that classes are sections of). */
public record Course(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String title,
        String courseCode,
        List<String> grades,
        List<String> subjects,
        String orgSourcedId,
        String schoolYearSourcedId) implements RosterRecord {

    @Override
    public RosterCollection collection() {
        return RosterCollection.COURSES;
    }
}
