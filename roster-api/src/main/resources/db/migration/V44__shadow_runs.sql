-- Shadow mode: a district in SETUP can have nightly dry runs (plan computed, never applied).
ALTER TABLE safety_settings ADD COLUMN shadow_nightly boolean NOT NULL DEFAULT false;
ALTER TABLE sync_run DROP CONSTRAINT sync_run_kind_check;
ALTER TABLE sync_run ADD CONSTRAINT sync_run_kind_check
    CHECK (kind IN ('MANUAL_IMPORT', 'SYNC_LICENSES', 'RESYNC', 'NIGHTLY', 'RESTORE', 'SHADOW'));
ALTER TABLE sync_run DROP CONSTRAINT sync_run_status_check;
ALTER TABLE sync_run ADD CONSTRAINT sync_run_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'STAGED', 'APPLIED', 'FAILED', 'SUPERSEDED', 'HELD', 'DISCARDED', 'SHADOWED'));
-- One shadow run per district and nightly window.
CREATE UNIQUE INDEX sync_run_shadow_uq ON sync_run (district_id, window_date) WHERE kind = 'SHADOW';
