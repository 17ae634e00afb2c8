package io.rosterline.api.sync;

/** QUEUED -> RUNNING -> STAGED (awaiting review) or APPLIED; FAILED; SUPERSEDED when a later run was applied first. */
public enum RunStatus {
    QUEUED, RUNNING, STAGED, APPLIED, FAILED, SUPERSEDED,
    /** feat/safety: held by a removal threshold until an admin approves or discards it; DISCARDED when discarded. */
    HELD, DISCARDED,
    /** feat/safety: a shadow run's plan was computed; nothing was or will be applied. */
    SHADOWED
}
