package io.rosterline.sis.model;

import java.time.Instant;
import java.util.List;

/** A class (section) taught in a school during one or more terms. Named RosterClass because "Class" is taken. */
public record RosterClass(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String title,
        String classCode,
        String classType,
        String location,
        List<String> grades,
        List<String> subjects,
        String courseSourcedId,
        String schoolSourcedId,
        List<String> termSourcedIds,
        List<String> periods) implements RosterRecord {

    @Override
    public RosterCollection collection() {
        return RosterCollection.CLASSES;
    }
}
