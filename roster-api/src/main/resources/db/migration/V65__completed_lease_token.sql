-- The lease a run was completed or failed with. A worker whose answer was lost (roster-api died after committing, a
-- connection reset) repeats the call with the same lease: it gets the run as it is instead of 409 "lease lost", so a
-- Kubernetes Job does not report a run failed that was applied.
ALTER TABLE sync_run ADD COLUMN completed_lease_token uuid;
