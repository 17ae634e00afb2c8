-- Shared contract of the checklist (selection, licensing) and the sync pipeline.

-- What the SIS has, discovered through the connector; cached and refreshable. `included` is the admin's choice.
CREATE TABLE sis_school (
    district_id   uuid        NOT NULL REFERENCES district (id),
    sourced_id    text        NOT NULL,
    name          text        NOT NULL,
    identifier    text,
    school_type   text,
    status        text        NOT NULL DEFAULT 'active',
    included      boolean     NOT NULL DEFAULT false,
    discovered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, sourced_id)
);

CREATE TABLE sis_course (
    district_id       uuid        NOT NULL REFERENCES district (id),
    sourced_id        text        NOT NULL,
    school_sourced_id text,
    title             text        NOT NULL,
    course_code       text,
    subjects          text[]      NOT NULL DEFAULT '{}',
    grades            text[]      NOT NULL DEFAULT '{}',
    status            text        NOT NULL DEFAULT 'active',
    -- NULL: no explicit choice, course rules decide; true/false: the admin's explicit + or X.
    included          boolean,
    discovered_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, sourced_id)
);

-- Rules that also catch courses appearing in later syncs.
CREATE TABLE course_rule (
    id          bigserial PRIMARY KEY,
    district_id uuid        NOT NULL REFERENCES district (id),
    match_field text        NOT NULL CHECK (match_field IN ('SUBJECT', 'CODE', 'TITLE')),
    pattern     text        NOT NULL,
    effect      text        NOT NULL CHECK (effect IN ('INCLUDE', 'EXCLUDE')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The SIS's academic sessions with the admin's overrides: access may start early and end late.
CREATE TABLE sis_academic_session (
    district_id        uuid    NOT NULL REFERENCES district (id),
    sourced_id         text    NOT NULL,
    title              text    NOT NULL,
    session_type       text    NOT NULL,
    start_date         date    NOT NULL,
    end_date           date    NOT NULL,
    parent_sourced_id  text,
    override_start     date,
    freeze_end         date,
    discovered_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, sourced_id),
    CHECK (override_start IS NULL OR override_start <= end_date),
    CHECK (freeze_end IS NULL OR freeze_end >= start_date)
);

-- The publisher's product catalogue, kept by support staff.
CREATE TABLE product (
    id         uuid PRIMARY KEY,
    sku        text    NOT NULL UNIQUE,
    title      text    NOT NULL,
    edition    text    NOT NULL CHECK (edition IN ('TEACHER', 'STUDENT')),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Seats a district bought. ROSTERED pools are filled by the sync; MANUAL pools only by hand.
CREATE TABLE license_pool (
    id             uuid PRIMARY KEY,
    district_id    uuid    NOT NULL REFERENCES district (id),
    product_id     uuid    NOT NULL REFERENCES product (id),
    seats          integer NOT NULL CHECK (seats >= 0),
    start_date     date    NOT NULL,
    end_date       date    NOT NULL,
    purchase_order text,
    mode           text    NOT NULL DEFAULT 'MANUAL' CHECK (mode IN ('ROSTERED', 'MANUAL')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 0,
    CHECK (end_date >= start_date)
);
CREATE INDEX license_pool_district_idx ON license_pool (district_id, product_id);

-- Which licenses a course grants (several per course: teacher and student editions).
CREATE TABLE course_license (
    district_id       uuid NOT NULL REFERENCES district (id),
    course_sourced_id text NOT NULL,
    product_id        uuid NOT NULL REFERENCES product (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (district_id, course_sourced_id, product_id)
);

-- Accounts of the licensing store: rostered people and manually entered ones.
CREATE TABLE account (
    id           uuid PRIMARY KEY,
    district_id  uuid        NOT NULL REFERENCES district (id),
    sourced_id   text,
    email        text,
    login        text,
    given_name   text        NOT NULL,
    family_name  text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('STUDENT', 'TEACHER', 'ADMINISTRATOR', 'AIDE')),
    origin       text        NOT NULL CHECK (origin IN ('ROSTERED', 'MANUAL')),
    -- How a rostered user was matched to this account: SOURCED_ID, EMAIL, LOGIN or NEW.
    match_reason text,
    active       boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX account_sourced_id_uq ON account (district_id, sourced_id) WHERE sourced_id IS NOT NULL;
CREATE INDEX account_email_idx ON account (district_id, lower(email));
CREATE INDEX account_login_idx ON account (district_id, lower(login));

-- Who holds which license. The sync replaces ROSTERED rows only; STICKY and MANUAL survive it and still occupy seats.
CREATE TABLE license_assignment (
    id                bigserial PRIMARY KEY,
    district_id       uuid        NOT NULL REFERENCES district (id),
    account_id        uuid        NOT NULL REFERENCES account (id),
    product_id        uuid        NOT NULL REFERENCES product (id),
    pool_id           uuid        NOT NULL REFERENCES license_pool (id),
    source            text        NOT NULL CHECK (source IN ('ROSTERED', 'STICKY', 'MANUAL')),
    effective_start   date,
    effective_end     date,
    note              text,
    assigned_at       timestamptz NOT NULL DEFAULT now(),
    assigned_by       text        NOT NULL,
    UNIQUE (district_id, account_id, product_id, source)
);
CREATE INDEX license_assignment_pool_idx ON license_assignment (pool_id);
CREATE INDEX license_assignment_account_idx ON license_assignment (district_id, account_id);

-- Each district's SSO format rule, for manually entered accounts and readiness checks.
ALTER TABLE district ADD COLUMN sso_email_domain text;
ALTER TABLE district ADD COLUMN sso_login_pattern text;
