package io.rosterline.api.district;

/** Where a district's roster comes from. */
public enum RosterPlatform {
    ONEROSTER_API, ONEROSTER_CSV, POWERSCHOOL, ONEROSTER_12_API, ONEROSTER_12_CSV
}
