-- Notifications are also emailed (feat/safety): each row keeps its delivery state. Sending happens after the roster
-- transaction committed, never inside it; a failed send is retried and never affects a run.
ALTER TABLE notification
    ADD COLUMN email_status   text    NOT NULL DEFAULT 'PENDING' CHECK (email_status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'NOT_SENT')),
    ADD COLUMN email_to       text,
    ADD COLUMN emailed_at     timestamptz,
    ADD COLUMN email_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN email_error    text,
    ADD COLUMN email_next_at  timestamptz,
    ADD COLUMN email_claimed_at timestamptz;
UPDATE notification SET email_status = 'NOT_SENT', email_error = 'Written before notifications were emailed.';
CREATE INDEX notification_email_due_idx ON notification (created_at) WHERE email_status IN ('PENDING', 'SENDING');
