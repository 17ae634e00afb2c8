-- Readiness review (feat/safety): acknowledged findings, and the history of every account link and merge, undoable.
CREATE TABLE readiness_ack (
    district_id     uuid        NOT NULL REFERENCES district (id),
    kind            text        NOT NULL,
    acknowledged_by text        NOT NULL,
    acknowledged_at timestamptz NOT NULL,
    PRIMARY KEY (district_id, kind)
);

CREATE TABLE account_merge (
    id                   uuid PRIMARY KEY,
    district_id          uuid        NOT NULL REFERENCES district (id),
    kind                 text        NOT NULL CHECK (kind IN ('LINK', 'MERGE')),
    keep_account_id      uuid        NOT NULL REFERENCES account (id),
    merged_account_id    uuid REFERENCES account (id),
    sourced_id           text,
    -- Both accounts' fields before the action, to put them back on undo.
    before_state         jsonb       NOT NULL,
    moved_assignment_ids bigint[]    NOT NULL DEFAULT '{}',
    deleted_assignments  jsonb       NOT NULL DEFAULT '[]',
    created_by           text        NOT NULL,
    created_at           timestamptz NOT NULL,
    undone_by            text,
    undone_at            timestamptz
);
CREATE INDEX account_merge_district_idx ON account_merge (district_id, created_at DESC);
