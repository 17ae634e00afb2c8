package io.rosterline.sis.model;

import java.time.Instant;

/** One roster record, whatever source it came from. Records are immutable and handed to the caller one at a time. */
public sealed interface RosterRecord permits Org, AcademicSession, Course, RosterClass, User, Enrollment {
    String sourcedId();

    Status status();

    /** Null when the source left it blank (allowed in OneRoster CSV bulk files). */
    Instant dateLastModified();

    RosterCollection collection();
}
