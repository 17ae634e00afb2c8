-- The SFTP server's host key: one row, shared by every replica so clients see the same key after restarts.
-- The private key is AES-GCM ciphertext under the credentials keys.
CREATE TABLE sftp_host_key (
    id                 smallint    PRIMARY KEY CHECK (id = 1),
    algorithm          text        NOT NULL,
    public_key         text        NOT NULL,
    private_key_id     text        NOT NULL,
    private_nonce      bytea       NOT NULL,
    private_ciphertext bytea       NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);

-- One SFTP account per district; the password is a salted PBKDF2 hash, never reversible.
CREATE TABLE sftp_account (
    district_id      uuid        PRIMARY KEY REFERENCES district (id),
    username         text        NOT NULL UNIQUE,
    enabled          boolean     NOT NULL DEFAULT true,
    password_hash    text,
    password_set_at  timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer     NOT NULL DEFAULT 0
);

CREATE TABLE sftp_public_key (
    id           uuid        PRIMARY KEY,
    district_id  uuid        NOT NULL REFERENCES sftp_account (district_id),
    key_type     text        NOT NULL,
    public_key   text        NOT NULL,
    fingerprint  text        NOT NULL,
    comment      text,
    added_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (district_id, fingerprint)
);

-- Finished OneRoster CSV zips. The bytes live in a PostgreSQL large object (streamed in and out), never only on a
-- pod's disk; the check's outcome sits beside them.
CREATE TABLE csv_upload (
    id            uuid        PRIMARY KEY,
    district_id   uuid        NOT NULL REFERENCES district (id),
    filename      text        NOT NULL,
    size_bytes    bigint      NOT NULL,
    sha256        text        NOT NULL,
    content_oid   oid         NOT NULL,
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    uploaded_by   text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('ACCEPTED', 'REJECTED')),
    reason        text,
    counts        jsonb       NOT NULL DEFAULT '{}',
    error_count   bigint      NOT NULL DEFAULT 0,
    warning_count bigint      NOT NULL DEFAULT 0,
    first_errors  jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX csv_upload_district_idx ON csv_upload (district_id, uploaded_at DESC, id);
