-- Safety net of the sync (feat/safety): removal thresholds that hold a run, fail-safe checks, notifications and
-- per-run snapshots of ROSTERED license assignments for restores.

-- A run can be held (nothing destructive applied until an admin decides) and then discarded.
ALTER TABLE sync_run DROP CONSTRAINT sync_run_status_check;
ALTER TABLE sync_run ADD CONSTRAINT sync_run_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'STAGED', 'APPLIED', 'FAILED', 'SUPERSEDED', 'HELD', 'DISCARDED'));

-- Per-district thresholds; a district without a row uses the defaults below.
CREATE TABLE safety_settings (
    district_id                 uuid PRIMARY KEY REFERENCES district (id),
    user_removal_percent        numeric(5, 2) NOT NULL DEFAULT 10 CHECK (user_removal_percent BETWEEN 0 AND 100),
    user_removal_min_count      integer       NOT NULL DEFAULT 50 CHECK (user_removal_min_count >= 0),
    enrollment_removal_percent  numeric(5, 2) NOT NULL DEFAULT 10 CHECK (enrollment_removal_percent BETWEEN 0 AND 100),
    enrollment_removal_min_count integer      NOT NULL DEFAULT 50 CHECK (enrollment_removal_min_count >= 0),
    license_removal_percent     numeric(5, 2) NOT NULL DEFAULT 10 CHECK (license_removal_percent BETWEEN 0 AND 100),
    license_removal_min_count   integer       NOT NULL DEFAULT 50 CHECK (license_removal_min_count >= 0),
    min_class_size              integer       NOT NULL DEFAULT 5 CHECK (min_class_size >= 0),
    rollover_start              date,
    rollover_end                date,
    rollover_removal_percent    numeric(5, 2) NOT NULL DEFAULT 60 CHECK (rollover_removal_percent BETWEEN 0 AND 100),
    apply_additions_while_held  boolean       NOT NULL DEFAULT false,
    min_source_percent          numeric(5, 2) NOT NULL DEFAULT 50 CHECK (min_source_percent BETWEEN 0 AND 100),
    notification_email          text,
    updated_at                  timestamptz   NOT NULL DEFAULT now(),
    CHECK (rollover_end IS NULL OR rollover_start IS NULL OR rollover_end >= rollover_start)
);

-- Why a run was held and what the admin decided.
CREATE TABLE run_hold (
    run_id            uuid PRIMARY KEY REFERENCES sync_run (id) ON DELETE CASCADE,
    district_id       uuid        NOT NULL REFERENCES district (id),
    reason            text        NOT NULL,
    findings          jsonb       NOT NULL,
    additions_applied boolean     NOT NULL DEFAULT false,
    held_at           timestamptz NOT NULL,
    decision          text CHECK (decision IN ('APPROVED', 'DISCARDED')),
    decided_by        text,
    decided_at        timestamptz
);
CREATE INDEX run_hold_district_idx ON run_hold (district_id, held_at DESC);

CREATE TABLE notification (
    id          uuid PRIMARY KEY,
    district_id uuid        NOT NULL REFERENCES district (id),
    kind        text        NOT NULL CHECK (kind IN ('RUN_HELD', 'RUN_FAILED', 'OVERRIDE_FORGOTTEN')),
    title       text        NOT NULL,
    body        text        NOT NULL,
    run_id      uuid,
    created_at  timestamptz NOT NULL,
    read_at     timestamptz,
    read_by     text
);
CREATE INDEX notification_district_idx ON notification (district_id, created_at DESC, id);

-- Every failed run tells the district, whichever code path failed it (worker, lease expiry, fail-safe check).
CREATE FUNCTION notify_failed_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO notification (id, district_id, kind, title, body, run_id, created_at)
    VALUES (gen_random_uuid(), NEW.district_id, 'RUN_FAILED', 'A sync run failed',
            COALESCE(NEW.error, 'The run failed without a reason.'), NEW.id, COALESCE(NEW.finished_at, now()));
    RETURN NEW;
END $$;
CREATE TRIGGER sync_run_failed_notify AFTER UPDATE OF status ON sync_run
    FOR EACH ROW WHEN (NEW.status = 'FAILED' AND OLD.status IS DISTINCT FROM 'FAILED') EXECUTE FUNCTION notify_failed_run();

-- What each applied run left: its ROSTERED assignments, compactly (one row per product, pool and dates with the
-- account ids as an array), written set-based at the moment the run becomes APPLIED, whichever path applied it.
CREATE TABLE run_assignment_snapshot (
    run_id          uuid   NOT NULL REFERENCES sync_run (id) ON DELETE CASCADE,
    district_id     uuid   NOT NULL,
    product_id      uuid   NOT NULL,
    pool_id         uuid   NOT NULL,
    effective_start date,
    effective_end   date,
    account_ids     uuid[] NOT NULL
);
CREATE INDEX run_assignment_snapshot_run_idx ON run_assignment_snapshot (run_id);

CREATE FUNCTION snapshot_applied_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO run_assignment_snapshot (run_id, district_id, product_id, pool_id, effective_start, effective_end, account_ids)
    SELECT NEW.id, la.district_id, la.product_id, la.pool_id, la.effective_start, la.effective_end, array_agg(la.account_id ORDER BY la.account_id)
    FROM license_assignment la
    WHERE la.district_id = NEW.district_id AND la.source = 'ROSTERED'
    GROUP BY la.district_id, la.product_id, la.pool_id, la.effective_start, la.effective_end;
    RETURN NEW;
END $$;
CREATE TRIGGER sync_run_applied_snapshot AFTER UPDATE OF status ON sync_run
    FOR EACH ROW WHEN (NEW.status = 'APPLIED' AND OLD.status IS DISTINCT FROM 'APPLIED') EXECUTE FUNCTION snapshot_applied_run();
