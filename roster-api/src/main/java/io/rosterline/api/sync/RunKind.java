package io.rosterline.api.sync;

/**
 * MANUAL_IMPORT: read and stage for review, apply only when an admin presses Sync Licenses.
 * SYNC_LICENSES: read, stage and apply at once. RESYNC: like SYNC_LICENSES but the worker sends every record
 * (no digest), for when the current roster is in doubt. NIGHTLY: the scheduled run of a LIVE district; it applies.
 */
public enum RunKind {
    MANUAL_IMPORT, SYNC_LICENSES, RESYNC, NIGHTLY,
    /** feat/safety: puts back an earlier applied run's license assignments; created STAGED, never claimed by a worker. */
    RESTORE,
    /** feat/safety: the nightly dry run of a district in SETUP with shadow mode on; its plan is kept, never applied. */
    SHADOW;

    public boolean appliesOnCompletion() {
        return this != MANUAL_IMPORT && this != SHADOW; // feat/safety: shadow runs never apply
    }
}
