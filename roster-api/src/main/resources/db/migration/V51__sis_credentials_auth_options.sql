-- How requests are authenticated, for SIS vendors that differ from the defaults: OAuth 1.0a signed with HMAC-SHA1
-- instead of HMAC-SHA256, and OAuth 2 clients that authenticate in the form body instead of a Basic header.
ALTER TABLE sis_credentials
    ADD COLUMN oauth1_signature_method text NOT NULL DEFAULT 'HMAC_SHA256'
        CHECK (oauth1_signature_method IN ('HMAC_SHA256', 'HMAC_SHA1')),
    ADD COLUMN oauth2_client_auth text NOT NULL DEFAULT 'BASIC_HEADER'
        CHECK (oauth2_client_auth IN ('BASIC_HEADER', 'FORM_BODY'));
