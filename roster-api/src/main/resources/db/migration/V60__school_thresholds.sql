-- Per-school removal thresholds, set apart from the district-wide ones. NULL: the district-wide value applies.
ALTER TABLE safety_settings
    ADD COLUMN school_user_removal_percent       numeric(5, 2) CHECK (school_user_removal_percent BETWEEN 0 AND 100),
    ADD COLUMN school_user_removal_min_count     integer       CHECK (school_user_removal_min_count >= 0),
    ADD COLUMN school_enrollment_removal_percent numeric(5, 2) CHECK (school_enrollment_removal_percent BETWEEN 0 AND 100),
    ADD COLUMN school_enrollment_removal_min_count integer     CHECK (school_enrollment_removal_min_count >= 0);
