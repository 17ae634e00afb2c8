-- How roster-api reaches a district's SIS. The client secret is AES-GCM ciphertext; key id and nonce sit beside it
-- so keys can rotate. Only the last four characters are kept in clear, for people to recognise the secret.
CREATE TABLE sis_credentials (
    district_id        uuid        PRIMARY KEY REFERENCES district (id),
    base_url           text        NOT NULL,
    client_id          text        NOT NULL,
    auth_method        text        NOT NULL CHECK (auth_method IN ('OAUTH1', 'OAUTH2', 'DETECT')),
    -- What worked at the last successful check (DETECT stores its finding here).
    working_method     text        CHECK (working_method IN ('OAUTH1', 'OAUTH2')),
    token_url          text,
    scope              text,
    secret_key_id      text        NOT NULL,
    secret_nonce       bytea       NOT NULL,
    secret_ciphertext  bytea       NOT NULL,
    secret_last_four   text        NOT NULL,
    validation_status  text        NOT NULL DEFAULT 'NOT_CHECKED' CHECK (validation_status IN ('VALID', 'INVALID', 'NOT_CHECKED')),
    validation_message text,
    sis_district_name  text,
    school_count       integer,
    checked_at         timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer     NOT NULL DEFAULT 0
);
-- Rotation finds values under an old key quickly.
CREATE INDEX sis_credentials_key_idx ON sis_credentials (secret_key_id);
