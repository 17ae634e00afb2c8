package io.rosterline.api.district;

/** Where a district's roster comes from. */
public enum RosterPlatform {
    ONEROSTER_API, ONEROSTER_CSV, POWERSCHOOL, ONEROSTER_12_API, ONEROSTER_12_CSV;

    /** OneRoster CSV zips uploaded over SFTP, rather than an API Rosterline calls. */
    public boolean sendsFiles() {
        return this == ONEROSTER_CSV || this == ONEROSTER_12_CSV;
    }
}
