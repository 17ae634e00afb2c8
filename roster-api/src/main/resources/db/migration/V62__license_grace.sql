-- Grace period (feat/safety): a ROSTERED license the sync removes can stay usable for a number of days (per district,
-- default 0: removed at once). The assignment is kept with grace_until, still occupies its seat, and ends by itself when
-- the district's today passes grace_until; re-enrollment before that restores it as rostered.
ALTER TABLE safety_settings ADD COLUMN license_grace_days integer NOT NULL DEFAULT 0 CHECK (license_grace_days BETWEEN 0 AND 365);
ALTER TABLE license_assignment ADD COLUMN grace_until date, ADD COLUMN grace_since timestamptz;
CREATE INDEX license_assignment_grace_idx ON license_assignment (grace_until) WHERE grace_until IS NOT NULL;

-- A run's snapshot keeps what it left fully rostered; assignments in their grace period were removed by a sync.
CREATE OR REPLACE FUNCTION snapshot_applied_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO run_assignment_snapshot (run_id, district_id, product_id, pool_id, effective_start, effective_end, account_ids)
    SELECT NEW.id, la.district_id, la.product_id, la.pool_id, la.effective_start, la.effective_end, array_agg(la.account_id ORDER BY la.account_id)
    FROM license_assignment la
    WHERE la.district_id = NEW.district_id AND la.source = 'ROSTERED' AND la.grace_until IS NULL
    GROUP BY la.district_id, la.product_id, la.pool_id, la.effective_start, la.effective_end;
    RETURN NEW;
END $$;
