-- Course inclusion, computed in the database so that the API and the sync pipeline agree on it.
--
-- Effective inclusion of a course, in order:
--   1. a course whose status is not 'active' is excluded;
--   2. a course that belongs to a known school (sis_school row) is excluded while that school is not included;
--      a course whose org is not a known school (e.g. a district-level course) is not gated by school;
--   3. the admin's explicit choice (sis_course.included true/false) wins;
--   4. otherwise the course rules decide: a matching EXCLUDE rule wins over a matching INCLUDE rule;
--   5. otherwise the course is excluded.
--
-- Course rule patterns are case-insensitive globs: '*' stands for any text, '?' for one character, everything else
-- is literal ('MATH*' matches the code MATH-101, '*Algebra*' every title containing Algebra).
-- A SUBJECT rule matches when any of the course's subjects matches.

CREATE FUNCTION course_rule_like(pattern text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$
SELECT replace(replace(replace(replace(replace(pattern, '\', '\\'), '%', '\%'), '_', '\_'), '*', '%'), '?', '_')
$$;

CREATE FUNCTION course_rule_matches(match_field text, pattern text, title text, course_code text, subjects text[])
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE match_field
           WHEN 'TITLE' THEN coalesce(title ILIKE course_rule_like(pattern), false)
           WHEN 'CODE' THEN coalesce(course_code ILIKE course_rule_like(pattern), false)
           WHEN 'SUBJECT' THEN EXISTS (SELECT 1 FROM unnest(subjects) AS s(subject)
                                       WHERE s.subject ILIKE course_rule_like(pattern))
           ELSE false
       END
$$;

CREATE INDEX sis_course_school_idx ON sis_course (district_id, school_sourced_id);
CREATE INDEX course_rule_district_idx ON course_rule (district_id, effect);
CREATE INDEX course_license_product_idx ON course_license (district_id, product_id);

-- Schools the district processes: included by the admin and still active in the SIS.
CREATE VIEW v_included_school AS
SELECT s.district_id, s.sourced_id, s.name, s.identifier
FROM sis_school s
WHERE s.included AND lower(s.status) = 'active';

COMMENT ON VIEW v_included_school IS
    'Schools a district processes (admin included them, active in the SIS). Filter by district_id.';

-- Every cached course with its effective inclusion and the reason, for the API and for diagnostics.
-- reason: COURSE_INACTIVE, SCHOOL_EXCLUDED, EXPLICITLY_INCLUDED, EXPLICITLY_EXCLUDED, EXCLUDED_BY_RULE,
--         INCLUDED_BY_RULE, NO_CHOICE.
CREATE VIEW v_course_inclusion AS
SELECT c.district_id,
       c.sourced_id,
       c.school_sourced_id,
       c.included AS explicit_choice,
       ex.id      AS exclude_rule_id,
       inc.id     AS include_rule_id,
       CASE
           WHEN lower(c.status) <> 'active' THEN false
           WHEN s.sourced_id IS NOT NULL AND NOT (s.included AND lower(s.status) = 'active') THEN false
           WHEN c.included IS NOT NULL THEN c.included
           WHEN ex.id IS NOT NULL THEN false
           WHEN inc.id IS NOT NULL THEN true
           ELSE false
       END        AS effectively_included,
       CASE
           WHEN lower(c.status) <> 'active' THEN 'COURSE_INACTIVE'
           WHEN s.sourced_id IS NOT NULL AND NOT (s.included AND lower(s.status) = 'active') THEN 'SCHOOL_EXCLUDED'
           WHEN c.included THEN 'EXPLICITLY_INCLUDED'
           WHEN NOT c.included THEN 'EXPLICITLY_EXCLUDED'
           WHEN ex.id IS NOT NULL THEN 'EXCLUDED_BY_RULE'
           WHEN inc.id IS NOT NULL THEN 'INCLUDED_BY_RULE'
           ELSE 'NO_CHOICE'
       END        AS reason
FROM sis_course c
         LEFT JOIN sis_school s ON s.district_id = c.district_id AND s.sourced_id = c.school_sourced_id
         LEFT JOIN LATERAL (SELECT r.id
                            FROM course_rule r
                            WHERE r.district_id = c.district_id
                              AND r.effect = 'EXCLUDE'
                              AND course_rule_matches(r.match_field, r.pattern, c.title, c.course_code, c.subjects)
                            ORDER BY r.id
                            LIMIT 1) ex ON true
         LEFT JOIN LATERAL (SELECT r.id
                            FROM course_rule r
                            WHERE r.district_id = c.district_id
                              AND r.effect = 'INCLUDE'
                              AND course_rule_matches(r.match_field, r.pattern, c.title, c.course_code, c.subjects)
                            ORDER BY r.id
                            LIMIT 1) inc ON true;

COMMENT ON VIEW v_course_inclusion IS
    'Every cached course with effectively_included and the reason (explicit choice, else rules with EXCLUDE winning, else excluded; gated by its school).';

-- Courses a district processes: the set the sync pipeline provisions licenses for. Filter by district_id.
CREATE VIEW v_included_course AS
SELECT i.district_id, i.sourced_id, i.school_sourced_id
FROM v_course_inclusion i
WHERE i.effectively_included;

COMMENT ON VIEW v_included_course IS
    'Courses a district processes (effective inclusion, see v_course_inclusion). Filter by district_id.';
