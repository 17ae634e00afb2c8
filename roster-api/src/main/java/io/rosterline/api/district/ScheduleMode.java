package io.rosterline.api.district;

/** SETUP: configuring, no nightly sync. PAUSED: configured, nightly sync off. LIVE: syncs every night in its window. */
public enum ScheduleMode {
    SETUP, PAUSED, LIVE
}
