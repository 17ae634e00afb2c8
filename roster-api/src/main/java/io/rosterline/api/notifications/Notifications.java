package io.rosterline.api.notifications;

import io.rosterline.api.sync.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes a notification in the caller's transaction (held runs, forgotten override dates; failed runs are written by a
 * database trigger). {@link NotificationMailer} emails them once that transaction has committed.
 */
public final class Notifications {

    private Notifications() {
    }

    public static UUID create(Connection c, UUID districtId, String kind, String title, String body, UUID runId, Instant at)
            throws SQLException {
        UUID id = UUID.randomUUID();
        Jdbc.update(c, "INSERT INTO notification (id, district_id, kind, title, body, run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id, districtId, kind, title, body, runId, at);
        return id;
    }

    /** How many days ahead a term's start is announced when no override start is set. */
    public static final int OVERRIDE_REMINDER_DAYS = 14;

    /**
     * Terms of licensed classes that start within {@link #OVERRIDE_REMINDER_DAYS} days and have no override start: access
     * opens only on the first day, which admins often mean to move earlier. Once per term. Also an override start date
     * that has passed and is still set while its term has started: it no longer opens anything early and is easily
     * carried into the next year by mistake (the term dates show the same warning). Once per term and date.
     */
    public static int remindForgottenOverrides(Connection c, UUID districtId, java.time.LocalDate today, Instant at) throws SQLException {
        int passed = Jdbc.update(c, """
                INSERT INTO notification (id, district_id, kind, title, body, created_at, dedupe_key)
                SELECT gen_random_uuid(), ss.district_id, 'OVERRIDE_FORGOTTEN', 'An override start date has passed and is still set',
                       'Override start date for ' || ss.title || ' passed on ' || ss.override_start || ' and is still set. The term '
                       || 'started on ' || ss.start_date || ', so it no longer opens anything early. Remove it in the term dates, '
                       || 'so that it is not carried into another school year by mistake.',
                       ?, 'override-start-passed:' || ss.sourced_id || ':' || ss.override_start
                FROM sis_academic_session ss
                WHERE ss.district_id = ? AND ss.override_start IS NOT NULL AND ss.override_start < ? AND ss.start_date <= ?
                ON CONFLICT (district_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING""", at, districtId, today, today);
        return passed + Jdbc.update(c, """
                INSERT INTO notification (id, district_id, kind, title, body, created_at, dedupe_key)
                SELECT gen_random_uuid(), s.district_id, 'OVERRIDE_FORGOTTEN', 'A term starts soon without an override start',
                       'Term ' || s.title || ' starts on ' || s.start_date || ' and has no override start, so students of its licensed '
                       || 'classes get access only on that day. Set an override start in the term dates if they need it earlier.',
                       ?, 'override-start:' || s.sourced_id
                FROM roster_session s
                LEFT JOIN sis_academic_session ss ON ss.district_id = s.district_id AND ss.sourced_id = s.sourced_id
                WHERE s.district_id = ? AND s.status = 'active' AND ss.override_start IS NULL
                  AND s.start_date > ? AND s.start_date <= ?
                  AND EXISTS (SELECT 1 FROM roster_class k JOIN course_license cl ON cl.district_id = k.district_id
                                   AND cl.course_sourced_id = k.course_sourced_id
                              WHERE k.district_id = s.district_id AND k.status = 'active' AND s.sourced_id = ANY (k.term_sourced_ids))
                ON CONFLICT (district_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING""",
                at, districtId, today, today.plusDays(OVERRIDE_REMINDER_DAYS));
    }
}
