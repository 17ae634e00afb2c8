package io.rosterline.sis.model;

import java.util.Locale;
import java.util.Map;
import java.util.HashMap;

/** User and enrollment roles of OneRoster 1.1 and 1.2 (1.2 adds the administrator kinds and principal). */
public enum Role {
    ADMINISTRATOR("administrator"),
    AIDE("aide"),
    GUARDIAN("guardian"),
    PARENT("parent"),
    PROCTOR("proctor"),
    RELATIVE("relative"),
    STUDENT("student"),
    TEACHER("teacher"),
    DISTRICT_ADMINISTRATOR("districtAdministrator"),
    SITE_ADMINISTRATOR("siteAdministrator"),
    SYSTEM_ADMINISTRATOR("systemAdministrator"),
    PRINCIPAL("principal");

    private static final Map<String, Role> BY_LOWER = new HashMap<>();

    static {
        for (Role r : values()) {
            BY_LOWER.put(r.oneRosterName.toLowerCase(Locale.ROOT), r);
        }
    }

    private final String oneRosterName;

    Role(String oneRosterName) {
        this.oneRosterName = oneRosterName;
    }

    public String oneRosterName() {
        return oneRosterName;
    }

    /** Exact OneRoster spelling, or null. */
    public static Role exact(String value) {
        Role r = value == null ? null : BY_LOWER.get(value.toLowerCase(Locale.ROOT));
        return r != null && r.oneRosterName.equals(value) ? r : null;
    }

    /** Any letter case, or null when the value is no OneRoster role at all. */
    public static Role ignoringCase(String value) {
        return value == null ? null : BY_LOWER.get(value.toLowerCase(Locale.ROOT));
    }
}
