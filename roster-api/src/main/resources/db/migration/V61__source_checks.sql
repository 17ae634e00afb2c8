-- Fail-safe source checks (column drift, text encoding, size): a run they failed, and the admin's acceptance of the
-- change, which lets the next run skip these checks once.
CREATE TABLE run_source_check (
    run_id          uuid PRIMARY KEY REFERENCES sync_run (id) ON DELETE CASCADE,
    district_id     uuid        NOT NULL REFERENCES district (id),
    reason          text        NOT NULL,
    failed_at       timestamptz NOT NULL,
    accepted_by     text,
    accepted_at     timestamptz,
    consumed_by_run uuid
);
CREATE INDEX run_source_check_accepted_idx ON run_source_check (district_id) WHERE accepted_at IS NOT NULL AND consumed_by_run IS NULL;
