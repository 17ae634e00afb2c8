-- (district_id, account_id) is the leading prefix of the unique key (district_id, account_id, product_id, source), which
-- serves every lookup the narrower index served; keeping both cost a second index insert per assignment written
-- (142k on a 1M-enrollment district's first sync) and a second delete per assignment replaced.
DROP INDEX IF EXISTS license_assignment_account_idx;
