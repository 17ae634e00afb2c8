-- A run of a OneRoster CSV district records the upload it read (chosen when the worker asks what to read, so an
-- upload arriving mid-run does not change it); NULL for SIS APIs. An admin marks a staged run reviewed, which the
-- checklist's "Import and review" step counts, like applying it.
ALTER TABLE sync_run ADD COLUMN source_upload_id uuid REFERENCES csv_upload (id) ON DELETE SET NULL;
ALTER TABLE sync_run ADD COLUMN reviewed_at timestamptz;
ALTER TABLE sync_run ADD COLUMN reviewed_by text;
CREATE INDEX sync_run_source_upload_idx ON sync_run (source_upload_id) WHERE source_upload_id IS NOT NULL;

COMMENT ON COLUMN sync_run.source_upload_id IS 'The csv_upload a CSV district''s run read; NULL for SIS APIs.';
COMMENT ON COLUMN sync_run.reviewed_at IS 'When an admin marked the staged data and license plan reviewed.';
