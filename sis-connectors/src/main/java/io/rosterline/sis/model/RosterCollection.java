package io.rosterline.sis.model;

/** The six collections Rosterline keeps; their names are the OneRoster JSON envelope keys. */
public enum RosterCollection {
    ORGS("orgs"),
    ACADEMIC_SESSIONS("academicSessions"),
    COURSES("courses"),
    CLASSES("classes"),
    USERS("users"),
    ENROLLMENTS("enrollments");

    private final String oneRosterName;

    RosterCollection(String oneRosterName) {
        this.oneRosterName = oneRosterName;
    }

    /** The OneRoster name: REST path segment, JSON envelope key and CSV file stem. */
    public String oneRosterName() {
        return oneRosterName;
    }
}
