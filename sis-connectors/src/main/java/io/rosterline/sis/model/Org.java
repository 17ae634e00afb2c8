package io.rosterline.sis.model;

import java.time.Instant;

/** A district, school or other organisation. {@code type} is the OneRoster org type (school, district, ...). */
public record Org(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String name,
        String type,
        String identifier,
        String parentSourcedId) implements RosterRecord {

    public boolean isSchool() {
        return "school".equals(type);
    }

    @Override
    public RosterCollection collection() {
        return RosterCollection.ORGS;
    }
}
