-- Sync pipeline: the work queue (runs with leases), idempotent chunks, the current roster per district and each
-- run's staged differences. Roster rows are plain SQL (no ORM): they are bulk data written set-based.

CREATE TABLE sync_run (
    id               uuid PRIMARY KEY,
    district_id      uuid        NOT NULL REFERENCES district (id),
    kind             text        NOT NULL CHECK (kind IN ('MANUAL_IMPORT', 'SYNC_LICENSES', 'RESYNC', 'NIGHTLY')),
    trigger_source   text        NOT NULL CHECK (trigger_source IN ('MANUAL', 'SCHEDULE')),
    requested_by     text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'STAGED', 'APPLIED', 'FAILED', 'SUPERSEDED')),
    -- The local date the nightly window opened on; one nightly run per district and window.
    window_date      date,
    attempt          integer     NOT NULL DEFAULT 0,
    worker_id        text,
    lease_token      uuid,
    lease_expires_at timestamptz,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    staged_at        timestamptz,
    applied_at       timestamptz,
    finished_at      timestamptz,
    applied_by       text,
    progress         jsonb       NOT NULL DEFAULT '{}',
    counts           jsonb,
    plan_summary     jsonb,
    apply_report     jsonb,
    read_report      jsonb,
    error            text,
    -- Staleness guard: the apply sequence this run's differences were computed against, and its own once applied.
    base_seq         bigint,
    apply_seq        bigint
);
CREATE SEQUENCE sync_apply_seq;
CREATE INDEX sync_run_district_idx ON sync_run (district_id, created_at DESC, id);
CREATE INDEX sync_run_queue_idx ON sync_run (created_at) WHERE status = 'QUEUED';
-- Two workers never run one district at once: at most one RUNNING run per district.
CREATE UNIQUE INDEX sync_run_one_running_uq ON sync_run (district_id) WHERE status = 'RUNNING';
-- A district syncs once per nightly window.
CREATE UNIQUE INDEX sync_run_nightly_uq ON sync_run (district_id, window_date) WHERE kind = 'NIGHTLY';

-- Chunks a worker posted; a retried chunk id is recognised and changes nothing twice.
CREATE TABLE sync_chunk (
    run_id      uuid        NOT NULL REFERENCES sync_run (id) ON DELETE CASCADE,
    chunk_id    text        NOT NULL,
    collection  text        NOT NULL,
    upserts     integer     NOT NULL,
    deletes     integer     NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, chunk_id)
);

-- ---- The current roster of each district (what the last applied run left).
CREATE TABLE roster_org (
    district_id uuid NOT NULL, sourced_id text NOT NULL, hash bigint NOT NULL, status text NOT NULL,
    name text, org_type text, identifier text, parent_sourced_id text,
    PRIMARY KEY (district_id, sourced_id));
CREATE TABLE roster_session (
    district_id uuid NOT NULL, sourced_id text NOT NULL, hash bigint NOT NULL, status text NOT NULL,
    title text, session_type text, start_date date, end_date date, parent_sourced_id text,
    PRIMARY KEY (district_id, sourced_id));
CREATE TABLE roster_course (
    district_id uuid NOT NULL, sourced_id text NOT NULL, hash bigint NOT NULL, status text NOT NULL,
    title text, course_code text, school_sourced_id text,
    PRIMARY KEY (district_id, sourced_id));
CREATE TABLE roster_class (
    district_id uuid NOT NULL, sourced_id text NOT NULL, hash bigint NOT NULL, status text NOT NULL,
    title text, class_code text, course_sourced_id text, school_sourced_id text, term_sourced_ids text[],
    PRIMARY KEY (district_id, sourced_id));
CREATE TABLE roster_user (
    district_id uuid NOT NULL, sourced_id text NOT NULL, hash bigint NOT NULL, status text NOT NULL,
    role text, given_name text, family_name text, email text, username text, identifier text,
    PRIMARY KEY (district_id, sourced_id));
CREATE TABLE roster_enrollment (
    district_id uuid NOT NULL, sourced_id text NOT NULL, hash bigint NOT NULL, status text NOT NULL,
    class_sourced_id text, user_sourced_id text, role text, begin_date date, end_date date,
    PRIMARY KEY (district_id, sourced_id));
CREATE INDEX roster_enrollment_class_idx ON roster_enrollment (district_id, class_sourced_id);
CREATE INDEX roster_enrollment_user_idx ON roster_enrollment (district_id, user_sourced_id);

-- ---- A run's differences against the current roster: op 'U' upsert (added or changed), 'D' removed.
CREATE TABLE staged_org (LIKE roster_org, run_id uuid NOT NULL, op char(1) NOT NULL, PRIMARY KEY (run_id, sourced_id));
CREATE TABLE staged_session (LIKE roster_session, run_id uuid NOT NULL, op char(1) NOT NULL, PRIMARY KEY (run_id, sourced_id));
CREATE TABLE staged_course (LIKE roster_course, run_id uuid NOT NULL, op char(1) NOT NULL, PRIMARY KEY (run_id, sourced_id));
CREATE TABLE staged_class (LIKE roster_class, run_id uuid NOT NULL, op char(1) NOT NULL, PRIMARY KEY (run_id, sourced_id));
CREATE TABLE staged_user (LIKE roster_user, run_id uuid NOT NULL, op char(1) NOT NULL, PRIMARY KEY (run_id, sourced_id));
CREATE TABLE staged_enrollment (LIKE roster_enrollment, run_id uuid NOT NULL, op char(1) NOT NULL, PRIMARY KEY (run_id, sourced_id));
CREATE INDEX staged_enrollment_class_idx ON staged_enrollment (run_id, class_sourced_id);
