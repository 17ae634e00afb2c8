package io.rosterline.api.selection;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.selection.DiscoveryDtos.RefreshResult;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Upserts what discovery read into the sis_* cache tables, set-based: one INSERT ... ON CONFLICT per chunk of rows sent
 * as arrays. The admin's choices (included, overrides) are never overwritten; records the SIS no longer returns are
 * marked tobedeleted rather than deleted, so a choice survives a record that comes back.
 */
@ApplicationScoped
@Transactional
public class DiscoveryCache {

    private static final int CHUNK = 5000;
    /** Separates list values (subjects, grades) inside one array element; never appears in SIS text. */
    private static final String UNIT_SEPARATOR = "\u001f";

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;

    public RefreshResult schools(UUID districtId, List<Org> schools) {
        District.require(districtId);
        List<Org> unique = unique(schools, Org::sourcedId);
        long[] counts = {0, 0};
        for (List<Org> chunk : chunks(unique)) {
            count(counts, sql.list("""
                    INSERT INTO sis_school AS s (district_id, sourced_id, name, identifier, school_type, status)
                    SELECT ?, t.sourced_id, t.name, t.identifier, t.school_type, t.status
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(sourced_id, name, identifier, school_type, status)
                    ON CONFLICT (district_id, sourced_id) DO UPDATE
                        SET name = excluded.name, identifier = excluded.identifier, school_type = excluded.school_type, status = excluded.status
                        WHERE (s.name, s.identifier, s.school_type, s.status)
                              IS DISTINCT FROM (excluded.name, excluded.identifier, excluded.school_type, excluded.status)
                    RETURNING (xmax = 0) AS inserted""", rs -> rs.getBoolean(1),
                    districtId,
                    column(chunk, Org::sourcedId),
                    column(chunk, o -> o.name() == null || o.name().isBlank() ? o.sourcedId() : o.name()),
                    column(chunk, Org::identifier),
                    column(chunk, o -> o.type() == null ? "school" : o.type()),
                    column(chunk, o -> status(o.status()))));
        }
        long removed = sql.update("UPDATE sis_school SET status = 'tobedeleted' WHERE district_id = ? AND status <> 'tobedeleted' "
                + "AND NOT (sourced_id = ANY(?))", districtId, column(unique, Org::sourcedId));
        return recorded(districtId, new RefreshResult("schools", schools.size(), counts[0], counts[1], removed, 0));
    }

    public RefreshResult courses(UUID districtId, Collection<String> schoolSourcedIds, List<Course> courses) {
        return courses(districtId, schoolSourcedIds, courses, true);
    }

    /**
     * The courses of these schools as the SIS has them now. A sync refreshes the list on every run (so that course
     * rules also decide courses that are new in the SIS); it leaves an audit entry only when something changed.
     */
    public RefreshResult courses(UUID districtId, Collection<String> schoolSourcedIds, List<Course> courses, boolean auditAlways) {
        District.require(districtId);
        List<Course> unique = unique(courses, Course::sourcedId);
        long[] counts = {0, 0};
        for (List<Course> chunk : chunks(unique)) {
            count(counts, sql.list("""
                    INSERT INTO sis_course AS c (district_id, sourced_id, school_sourced_id, title, course_code, subjects, grades, status)
                    SELECT ?, t.sourced_id, t.school, t.title, t.code, string_to_array(t.subjects, E'\\x1f'), string_to_array(t.grades, E'\\x1f'), t.status
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         AS t(sourced_id, school, title, code, subjects, grades, status)
                    ON CONFLICT (district_id, sourced_id) DO UPDATE
                        SET school_sourced_id = excluded.school_sourced_id, title = excluded.title, course_code = excluded.course_code,
                            subjects = excluded.subjects, grades = excluded.grades, status = excluded.status
                        WHERE (c.school_sourced_id, c.title, c.course_code, c.subjects, c.grades, c.status)
                              IS DISTINCT FROM (excluded.school_sourced_id, excluded.title, excluded.course_code, excluded.subjects,
                                                excluded.grades, excluded.status)
                    RETURNING (xmax = 0) AS inserted""", rs -> rs.getBoolean(1),
                    districtId,
                    column(chunk, Course::sourcedId),
                    column(chunk, Course::orgSourcedId),
                    column(chunk, c -> c.title() == null || c.title().isBlank() ? c.sourcedId() : c.title()),
                    column(chunk, Course::courseCode),
                    column(chunk, c -> join(c.subjects())),
                    column(chunk, c -> join(c.grades())),
                    column(chunk, c -> status(c.status()))));
        }
        // Only the schools that were read can lose courses; courses of other schools stay as they are.
        long removed = sql.update("UPDATE sis_course SET status = 'tobedeleted' WHERE district_id = ? AND status <> 'tobedeleted' "
                        + "AND school_sourced_id = ANY(?) AND NOT (sourced_id = ANY(?))",
                districtId, schoolSourcedIds.toArray(String[]::new), column(unique, Course::sourcedId));
        RefreshResult result = new RefreshResult("courses", courses.size(), counts[0], counts[1], removed, 0);
        return auditAlways || counts[0] + counts[1] + removed > 0 ? recorded(districtId, result) : result;
    }

    public RefreshResult terms(UUID districtId, List<AcademicSession> listed) {
        District.require(districtId);
        // PowerSchool lists the district's terms under every school: each term counts once.
        List<AcademicSession> sessions = unique(listed, AcademicSession::sourcedId);
        List<AcademicSession> usable = new ArrayList<>();
        for (AcademicSession s : sessions) {
            if (s.startDate() != null && s.endDate() != null && !s.endDate().isBefore(s.startDate())) {
                usable.add(s);
            }
        }
        List<AcademicSession> unique = unique(usable, AcademicSession::sourcedId);
        long[] counts = {0, 0};
        for (List<AcademicSession> chunk : chunks(unique)) {
            // An override that no longer fits the new SIS dates would break the table's checks; it is dropped.
            count(counts, sql.list("""
                    INSERT INTO sis_academic_session AS a (district_id, sourced_id, title, session_type, start_date, end_date, parent_sourced_id)
                    SELECT ?, t.sourced_id, t.title, t.session_type, t.start_date::date, t.end_date::date, t.parent
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         AS t(sourced_id, title, session_type, start_date, end_date, parent)
                    ON CONFLICT (district_id, sourced_id) DO UPDATE
                        SET title = excluded.title, session_type = excluded.session_type, start_date = excluded.start_date,
                            end_date = excluded.end_date, parent_sourced_id = excluded.parent_sourced_id,
                            override_start = CASE WHEN a.override_start <= excluded.end_date THEN a.override_start END,
                            freeze_end = CASE WHEN a.freeze_end >= excluded.start_date THEN a.freeze_end END
                        WHERE (a.title, a.session_type, a.start_date, a.end_date, a.parent_sourced_id)
                              IS DISTINCT FROM (excluded.title, excluded.session_type, excluded.start_date, excluded.end_date,
                                                excluded.parent_sourced_id)
                    RETURNING (xmax = 0) AS inserted""", rs -> rs.getBoolean(1),
                    districtId,
                    column(chunk, AcademicSession::sourcedId),
                    column(chunk, s -> s.title() == null || s.title().isBlank() ? s.sourcedId() : s.title()),
                    column(chunk, s -> s.type() == null ? "term" : s.type()),
                    column(chunk, s -> s.startDate().toString()),
                    column(chunk, s -> s.endDate().toString()),
                    column(chunk, AcademicSession::parentSourcedId)));
        }
        // Sessions carry no status column: one the SIS stopped returning is deleted unless the admin adjusted it.
        long removed = sql.update("DELETE FROM sis_academic_session WHERE district_id = ? AND NOT (sourced_id = ANY(?)) "
                + "AND override_start IS NULL AND freeze_end IS NULL", districtId, column(unique, AcademicSession::sourcedId));
        return recorded(districtId, new RefreshResult("terms", sessions.size(), counts[0], counts[1], removed,
                sessions.size() - usable.size()));
    }

    private RefreshResult recorded(UUID districtId, RefreshResult result) {
        audit.record(districtId, result.what() + ".refreshed", result.what(), null, null, result);
        return result;
    }

    private static void count(long[] counts, List<Boolean> inserted) {
        for (boolean isNew : inserted) {
            counts[isNew ? 0 : 1]++;
        }
    }

    private static String status(Status status) {
        return status == null ? "active" : status.name().toLowerCase();
    }

    private static String join(List<String> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        return String.join(UNIT_SEPARATOR, values.stream().filter(v -> v != null && !v.isBlank())
                .map(v -> v.replace(UNIT_SEPARATOR, " ").trim()).toList());
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        String[] column = new String[rows.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    /** The last record per sourcedId wins: ON CONFLICT cannot touch one row twice in a statement. */
    private static <T> List<T> unique(List<T> rows, Function<T, String> key) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T row : rows) {
            String id = key.apply(row);
            if (id != null && !id.isBlank()) {
                byId.put(id, row);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += CHUNK) {
            chunks.add(rows.subList(i, Math.min(rows.size(), i + CHUNK)));
        }
        return chunks;
    }
}
