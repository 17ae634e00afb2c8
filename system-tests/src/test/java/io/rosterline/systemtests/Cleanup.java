package io.rosterline.systemtests;

/** After a case, whatever it failed to finish leaves the queue, so that later cases' workers do not pick it up. */
final class Cleanup {

    private Cleanup() {
    }

    static void unfinishedRuns(LicensedDistrict district) {
        StackDatabase.update("UPDATE sync_run SET status = 'FAILED', error = 'fault case over', lease_token = NULL, "
                + "lease_expires_at = NULL WHERE district_id = ? AND status IN ('QUEUED', 'RUNNING')", district.id());
    }
}
