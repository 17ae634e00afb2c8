-- A RESTORE run puts back the ROSTERED license assignments an earlier applied run left (its snapshot, V40).
ALTER TABLE sync_run DROP CONSTRAINT sync_run_kind_check;
ALTER TABLE sync_run ADD CONSTRAINT sync_run_kind_check
    CHECK (kind IN ('MANUAL_IMPORT', 'SYNC_LICENSES', 'RESYNC', 'NIGHTLY', 'RESTORE'));

CREATE TABLE run_restore (
    run_id        uuid PRIMARY KEY REFERENCES sync_run (id) ON DELETE CASCADE,
    source_run_id uuid NOT NULL REFERENCES sync_run (id)
);
