-- A notification that must be sent once per subject (e.g. one reminder per term) carries a key.
ALTER TABLE notification ADD COLUMN dedupe_key text;
CREATE UNIQUE INDEX notification_dedupe_uq ON notification (district_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
