-- Explainable account matching (feat/safety): the SIS identifier rule, how each account was matched, a per-district
-- rule order, and a review queue for uncertain matches instead of applying them silently.
ALTER TABLE account
    ADD COLUMN sis_identifier text,
    ADD COLUMN match_detail   text,
    ADD COLUMN matched_at     timestamptz;
CREATE INDEX account_sis_identifier_idx ON account (district_id, lower(sis_identifier));
UPDATE account SET match_detail = CASE match_reason WHEN 'NEW' THEN 'a new account: no existing account matched'
                                                    WHEN 'SOURCED_ID' THEN 'sourcedId ' || sourced_id
                                                    ELSE lower(match_reason) END
WHERE match_reason IS NOT NULL;

-- NULL: the deployment's rosterline.sync.match-order.
ALTER TABLE safety_settings ADD COLUMN account_match_order text[];

-- An incoming person whose account is uncertain: several candidates, a candidate bound to another sourcedId, or a known
-- person whose sourcedId was re-issued. The person gets no account until an admin accepts a candidate or rejects them all.
CREATE TABLE account_match_review (
    id                    uuid PRIMARY KEY,
    district_id           uuid        NOT NULL REFERENCES district (id),
    sourced_id            text        NOT NULL,
    kind                  text        NOT NULL CHECK (kind IN ('SEVERAL_CANDIDATES', 'CANDIDATE_BOUND_ELSEWHERE', 'REISSUED_SOURCED_ID')),
    rule                  text        NOT NULL CHECK (rule IN ('IDENTIFIER', 'EMAIL', 'LOGIN')),
    matched_value         text,
    candidate_account_ids uuid[]      NOT NULL,
    detail                text        NOT NULL,
    status                text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACCEPTED', 'REJECTED', 'RESOLVED')),
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    decided_by            text,
    decided_at            timestamptz,
    account_id            uuid REFERENCES account (id),
    note                  text
);
CREATE UNIQUE INDEX account_match_review_open_uq ON account_match_review (district_id, sourced_id) WHERE status = 'OPEN';
CREATE INDEX account_match_review_district_idx ON account_match_review (district_id, status, created_at DESC);
