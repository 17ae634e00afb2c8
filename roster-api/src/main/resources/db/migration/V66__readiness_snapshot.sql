-- Readiness snapshots: the readiness review's findings (without the acknowledgements, which are read live) computed
-- once per fingerprint of what they depend on, instead of materialising the whole roster on every readiness and
-- checklist request.

-- An append-only log of committed changes to the tables the findings read, one row per statement and district.
-- Why a log and not a per-district counter: a counter row would be locked from a sync's apply until its commit and
-- block every admin write to the district's accounts meanwhile (and risk deadlocks). A reader's fingerprint is the
-- count and sum of the ids it can see: rows are never updated or deleted (only with their district), so any committed
-- change strictly grows both, whatever the order in which the writers commit.
-- run_id: set for changes to a run's staged rows, which only that run's review reads (so a sync posting its chunks does
-- not invalidate the review of the current roster); NULL for everything else.
-- No foreign key to district, on purpose: its check takes a KEY SHARE lock on the district row, which an apply holds
-- FOR UPDATE until it commits, so every admin write logged here would wait for a running apply.
CREATE TABLE readiness_change (
    id          bigserial PRIMARY KEY,
    district_id uuid NOT NULL,
    run_id      uuid
);
CREATE INDEX readiness_change_district_idx ON readiness_change (district_id, id);

CREATE FUNCTION readiness_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO readiness_change (district_id) SELECT DISTINCT district_id FROM changed;
    RETURN NULL;
END $$;

CREATE FUNCTION readiness_staged_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO readiness_change (district_id, run_id) SELECT DISTINCT district_id, run_id FROM changed;
    RETURN NULL;
END $$;

-- Statement-level with transition tables (one trigger per event: PostgreSQL allows transition tables only on
-- single-event triggers), so a million-row apply logs one row, not a million.
DO $$
DECLARE
    t text;
    f text;
BEGIN
    FOREACH t IN ARRAY ARRAY['roster_user', 'roster_class', 'roster_enrollment', 'roster_session',
                             'staged_user', 'staged_class', 'staged_enrollment', 'staged_session', 'account',
                             'account_match_review', 'sis_academic_session', 'sis_course', 'course_license'] LOOP
        f := CASE WHEN t LIKE 'staged\_%' THEN 'readiness_staged_changed' ELSE 'readiness_changed' END;
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_readiness_ins', t, f);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_readiness_upd', t, f);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', t || '_readiness_del', t, f);
    END LOOP;
END $$;

-- One snapshot per district and reviewed run (the zero uuid: the current roster); replaced when its fingerprint
-- (run, run status, the district's change log, the district's today) no longer matches.
CREATE TABLE readiness_snapshot (
    district_id uuid        NOT NULL REFERENCES district (id) ON DELETE CASCADE,
    run_id      uuid        NOT NULL,
    fingerprint text        NOT NULL,
    findings    jsonb       NOT NULL,
    computed_at timestamptz NOT NULL,
    PRIMARY KEY (district_id, run_id)
);
