-- The last computed license allocation per district, so an apply whose inputs have not changed since (a resync that
-- brought no differences, nobody touched pools, licenses or terms, no date the allocation compares with today was
-- crossed) keeps the assignments as they are instead of re-ranking every enrollment of the district (seconds at 1M).

-- An append-only log of committed changes to what the allocation reads, one row per statement and district (the same
-- design as readiness_change, V66): a reader's fingerprint is the count and sum of the ids it can see. xid: the writing
-- transaction, so an apply can add its own writes to the fingerprint it read before them without counting other
-- transactions' commits it never saw (those must make the next apply recompute). district_id NULL: a product change,
-- which concerns every district. No foreign key to district, for the reason given in V66.
CREATE TABLE allocation_change (
    id          bigserial PRIMARY KEY,
    district_id uuid,
    xid         xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX allocation_change_district_idx ON allocation_change (district_id, id);

CREATE FUNCTION allocation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO allocation_change (district_id) SELECT DISTINCT district_id FROM changed;
    RETURN NULL;
END $$;

CREATE FUNCTION allocation_product_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO allocation_change (district_id) SELECT NULL WHERE EXISTS (SELECT 1 FROM changed);
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['roster_user', 'roster_class', 'roster_enrollment', 'roster_session', 'account',
                             'sis_academic_session', 'course_license', 'license_pool', 'license_assignment',
                             'safety_settings'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION allocation_changed()', t || '_allocation_ins', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION allocation_changed()', t || '_allocation_upd', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION allocation_changed()', t || '_allocation_del', t);
    END LOOP;
END $$;

-- Products carry no district: any statement that changes one logs a change for every district (they change rarely).
CREATE TRIGGER product_allocation_ins AFTER INSERT ON product REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_product_changed();
CREATE TRIGGER product_allocation_upd AFTER UPDATE ON product REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_product_changed();
CREATE TRIGGER product_allocation_del AFTER DELETE ON product REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION allocation_product_changed();

-- fingerprint: the allocation_change count and sum it was computed from (its own writes included); computed_for: the
-- district's today then; list_limit: how many people each list of the stored report holds; report: the apply report
-- (ApplyEngine.Report) as it stood after that apply; run_id: the run whose apply computed it (NULL: a hold's apply).
CREATE TABLE allocation_state (
    district_id  uuid        PRIMARY KEY REFERENCES district (id) ON DELETE CASCADE,
    fingerprint  text        NOT NULL,
    computed_for date        NOT NULL,
    list_limit   integer     NOT NULL,
    report       jsonb       NOT NULL,
    run_id       uuid,
    computed_at  timestamptz NOT NULL
);
