-- The tenant. Every district-scoped row references it.
CREATE TABLE district (
    id              uuid PRIMARY KEY,
    name            text        NOT NULL,
    state           char(2)     NOT NULL,
    nces_id         text,
    timezone        text        NOT NULL DEFAULT 'America/Los_Angeles',
    platform        text        NOT NULL DEFAULT 'ONEROSTER_API'
                    CHECK (platform IN ('ONEROSTER_API', 'ONEROSTER_CSV', 'POWERSCHOOL', 'ONEROSTER_12_API', 'ONEROSTER_12_CSV')),
    schedule_mode   text        NOT NULL DEFAULT 'SETUP' CHECK (schedule_mode IN ('SETUP', 'PAUSED', 'LIVE')),
    window_start    time        NOT NULL DEFAULT '00:00',
    window_end      time        NOT NULL DEFAULT '02:00',
    archived_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    version         integer     NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX district_nces_id_uq ON district (nces_id) WHERE nces_id IS NOT NULL;
CREATE INDEX district_name_idx ON district (lower(name));

-- Who changed what, when; secrets are masked before they get here.
CREATE TABLE audit_event (
    id           bigserial PRIMARY KEY,
    district_id  uuid        REFERENCES district (id),
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    action       text        NOT NULL,
    entity       text        NOT NULL,
    entity_id    text,
    before_state jsonb,
    after_state  jsonb
);
CREATE INDEX audit_event_district_at_idx ON audit_event (district_id, at DESC, id DESC);
