package io.rosterline.sis.model;

/**
 * OneRoster record status. INACTIVE is the OneRoster 1.0 value some SIS still send; readers keep it (with a warning)
 * so that callers can treat it like TOBEDELETED for provisioning.
 */
public enum Status {
    ACTIVE,
    TOBEDELETED,
    INACTIVE;

    public boolean isActive() {
        return this == ACTIVE;
    }
}
