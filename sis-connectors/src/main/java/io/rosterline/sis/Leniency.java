package io.rosterline.sis;

/** Kinds of non-conformant values the readers accept, each recorded as a warning. */
public enum Leniency {
    /** A boolean written as TRUE/True/1/0 instead of true/false. */
    BOOLEAN_FORM,
    /** An href that is relative (courses/01) or starts with ~/ instead of being an absolute URL. */
    RELATIVE_HREF,
    /** A GUIDRef with a sourcedId but without href or type. */
    GUIDREF_INCOMPLETE,
    /** An explicit JSON null where OneRoster says to omit the field. */
    NULL_FIELD,
    /** Status "inactive" (OneRoster 1.0). */
    STATUS_INACTIVE,
    /** No status where one is required (REST, CSV delta); read as active. */
    STATUS_MISSING,
    /** A timestamp given as a date only (2023-05-01); read as midnight UTC. */
    DATE_ONLY_TIMESTAMP,
    /** A timestamp or date that cannot be read at all (1/05/2023); left empty. */
    UNREADABLE_DATE,
    /** An enumerated value in the wrong letter case (Scheduled, Teacher); normalised. */
    ENUM_CASE,
    /** An enumerated value OneRoster does not define; kept as given (or left empty for roles). */
    UNKNOWN_ENUM_VALUE,
    /** A CSV or manifest quirk that does not lose data (missing optional column, blank manifest value, name case). */
    FILE_QUIRK
}
