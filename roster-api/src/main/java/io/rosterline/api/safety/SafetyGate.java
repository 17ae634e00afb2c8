package io.rosterline.api.safety;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.api.district.District;
import io.rosterline.api.notifications.Notifications;
import io.rosterline.api.staging.ApplyEngine;
import io.rosterline.api.staging.RosterTable;
import io.rosterline.api.sync.Jdbc;
import io.rosterline.api.sync.RunKind;
import io.rosterline.api.sync.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decides, when a worker completes a run and before anything is applied, whether the run may proceed:
 * <ol>
 * <li>fail-safe checks fail the run outright (the connector reported errors; a column of the source drifted; its text
 * encoding changed; or a record type shrank under a share of the last good run) — nothing is removed;</li>
 * <li>removal thresholds hold a run that would apply (district-wide and per school for users and enrollments,
 * district-wide for license assignments) until an admin approves or discards it.</li>
 * </ol>
 * Runs in the caller's transaction; all judgements are set-based counts over the staged differences.
 */
@ApplicationScoped
public class SafetyGate {

    private static final Logger LOG = Logger.getLogger(SafetyGate.class);

    @Inject
    Clock clock;
    @Inject
    SyncConfig syncConfig;
    @Inject
    ObjectMapper objectMapper;
    @Inject
    io.rosterline.api.audit.AuditTrail audit;
    @Inject
    ShadowRuns shadowRuns;
    @Inject
    jakarta.enterprise.event.Event<io.rosterline.api.notifications.NotificationsWritten> notificationsWritten;

    /** One threshold crossed: who would lose how many of what. */
    public record Finding(String scope, String scopeName, String recordType, long lost, long total, BigDecimal percent,
                          String text) {
    }

    /**
     * What the gate decided before the apply: whether the run goes on, and the record thresholds it crossed (judged
     * together with the license losses once the apply has computed them, see {@link #judgeApplied}).
     */
    public record Admission(boolean proceed, SafetySettings settings, LocalDate today, List<Finding> recordFindings) {
        static Admission stopped() {
            return new Admission(false, null, null, List.of());
        }
    }

    /**
     * The checks before anything is applied: the fail-safe source checks (they fail the run), shadow runs (planned,
     * never applied), and the removal thresholds over users and enrollments (district-wide and per school).
     */
    public Admission admit(Connection c, UUID districtId, UUID runId, RunKind kind) throws SQLException {
        // Whatever this gate notifies (held, failed, reminders) is emailed once the completion's transaction commits.
        notificationsWritten.fire(new io.rosterline.api.notifications.NotificationsWritten(districtId));
        SafetySettings settings = SafetySettingsService.load(c, districtId);
        LocalDate today = today(districtId);
        Notifications.remindForgottenOverrides(c, districtId, today, clock.instant());
        String failure = preRunFailure(c, districtId, runId, settings);
        if (failure != null) {
            fail(c, districtId, runId, failure);
            if (!failure.startsWith(CONNECTOR_ERRORS)) {
                SourceChanges.record(c, districtId, runId, failure, clock.instant());
            }
            return Admission.stopped();
        }
        if (kind == RunKind.SHADOW) {
            shadowRuns.plan(c, districtId, runId, today);
            return Admission.stopped();
        }
        if (!kind.appliesOnCompletion()) {
            return new Admission(true, settings, today, List.of());
        }
        return new Admission(true, settings, today, judgeRecords(c, districtId, runId, settings, today));
    }

    /**
     * Before the guarded apply: which plain rostered assignments exist now (those already in their grace period were
     * removed by an earlier run and are not counted again).
     */
    public void rememberRosteredLicenses(Connection c, UUID districtId) throws SQLException {
        Jdbc.update(c, "CREATE TEMP TABLE safety_held ON COMMIT DROP AS SELECT account_id, product_id FROM license_assignment "
                + "WHERE district_id = ? AND source = 'ROSTERED' AND grace_until IS NULL", districtId);
        Jdbc.analyze(c, "safety_held");
    }

    /**
     * After the guarded apply (its allocation apply_alloc still in place): every threshold crossed, the record
     * thresholds with the license losses. Only losses the roster causes count — someone no longer enrolled in a
     * licensed course; losing a seat because the admin shrank a pool is the admin's own decision, not a sign of a
     * broken export. Empty when the run may stay applied.
     *
     * @param allocationUnchanged the apply kept the assignments as they were (nothing it reads changed), so it computed
     *                            no apply_alloc and removed nothing
     */
    public List<Finding> judgeApplied(Connection c, Admission admission, boolean allocationUnchanged) throws SQLException {
        List<Finding> findings = new ArrayList<>(admission.recordFindings());
        SafetySettings s = admission.settings();
        long rostered = count(c, "SELECT count(*) FROM safety_held");
        if (rostered > 0 && !allocationUnchanged) {
            long lost = count(c, "SELECT count(*) FROM safety_held h WHERE NOT EXISTS (SELECT 1 FROM apply_alloc x "
                    + "WHERE x.account_id = h.account_id AND x.product_id = h.product_id)");
            BigDecimal licensePercent = s.inRollover(admission.today())
                    ? s.rolloverRemovalPercent().max(s.licenseRemovalPercent()) : s.licenseRemovalPercent();
            check(findings, "DISTRICT", "The district", "license assignments", lost, rostered, licensePercent,
                    s.licenseRemovalMinCount());
        }
        Jdbc.update(c, "DROP TABLE safety_held");
        return findings;
    }

    /** Holds the run for an admin: the caller has rolled the apply back, so nothing destructive is in place. */
    public void hold(Connection c, UUID districtId, UUID runId, Admission admission, List<Finding> findings) throws SQLException {
        hold(c, districtId, runId, admission.settings(), findings, admission.today());
    }

    /** A column is taken as dropped or renamed when the run empties it for this share of the records that had it... */
    static final int DRIFT_PERCENT = 90;
    /** ...and for at least this many records (a handful of blanked values is ordinary churn). */
    static final int DRIFT_MIN_RECORDS = 10;
    /** How a failure for the connector's own errors starts; those cannot be accepted, the export must be fixed. */
    private static final String CONNECTOR_ERRORS = "The source reported ";

    /**
     * The reason to fail the run before it removes anything, or null. In order: the connector reported errors; the
     * source's columns drifted (a column the roster has is emptied for nearly every record: missing or renamed in the
     * export); text arrives in another encoding (names turned into their UTF-8-read-as-Latin-1 form); or any record
     * type shrank under {@code minSourcePercent} of the last good run. Drift, encoding and size are compared with the
     * current roster, i.e. what the last applied run left; an admin can accept a deliberate change once
     * ({@link SourceChanges}).
     */
    String preRunFailure(Connection c, UUID districtId, UUID runId, SafetySettings settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COALESCE((read_report ->> 'errors')::bigint, 0), read_report -> 'firstErrors' ->> 0
                FROM sync_run WHERE id = ?""")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    long errors = rs.getLong(1);
                    String first = rs.getString(2);
                    return CONNECTOR_ERRORS + errors + (errors == 1 ? " error" : " errors")
                            + (first == null ? "" : " (first: " + first + ")")
                            + ", for example a changed CSV header or file encoding. The run was stopped before anything was "
                            + "removed; correct the export and run again.";
                }
            }
        }
        if (SourceChanges.consumeAcceptance(c, districtId, runId)) {
            LOG.infof("Run %s of district %s skips the source checks once: an admin accepted the source's change", runId, districtId);
            return null;
        }
        List<String> reasons = new ArrayList<>();
        reasons.addAll(drift(c, districtId, runId));
        reasons.addAll(garbled(c, districtId, runId));
        List<String> shrunk = new ArrayList<>();
        for (RosterTable table : RosterTable.values()) {
            long current = count(c, "SELECT count(*) FROM " + table.current + " WHERE district_id = ? AND status = 'active'", districtId);
            if (current == 0) {
                continue;
            }
            long after = current - removed(c, table, districtId, runId) + count(c, "SELECT count(*) FROM " + table.staged
                    + " s WHERE s.run_id = ? AND s.op = 'U' AND s.status = 'active' AND NOT EXISTS (SELECT 1 FROM " + table.current
                    + " r WHERE r.district_id = ? AND r.sourced_id = s.sourced_id AND r.status = 'active')", runId, districtId);
            if (BigDecimal.valueOf(after).multiply(BigDecimal.valueOf(100))
                    .compareTo(settings.minSourcePercent().multiply(BigDecimal.valueOf(current))) < 0) {
                shrunk.add(after + " active " + label(table) + ", under " + settings.minSourcePercent().toPlainString() + " % of the "
                        + current + " of the last good run");
            }
        }
        if (!shrunk.isEmpty()) {
            reasons.add("The source now has " + String.join("; ", shrunk) + ".");
        }
        if (reasons.isEmpty()) {
            return null;
        }
        return String.join(" ", reasons) + RunSourceCheck.ADVICE;
    }

    /**
     * Columns the current roster fills that the run empties for (nearly) every record: dropped or renamed in the source.
     * Two steps, so that an ordinary run costs only a pass over its own changes: what the changed records empty, then,
     * only for a column emptied often enough, how many records of the roster had it.
     */
    private static List<String> drift(Connection c, UUID districtId, UUID runId) throws SQLException {
        List<String> reasons = new ArrayList<>();
        for (RosterTable table : RosterTable.values()) {
            StringBuilder sql = new StringBuilder("SELECT ");
            for (RosterTable.Column column : table.columns) {
                sql.append("count(*) FILTER (WHERE ").append(filled("r." + column.name(), column.type())).append(" AND NOT ")
                        .append(filled("s." + column.name(), column.type())).append("), ");
            }
            sql.setLength(sql.length() - 2);
            sql.append(" FROM ").append(table.staged).append(" s JOIN ").append(table.current)
                    .append(" r ON r.district_id = ? AND r.sourced_id = s.sourced_id AND r.status = 'active' ")
                    .append("WHERE s.run_id = ? AND s.op = 'U' AND s.status = 'active'");
            long[] emptied = new long[table.columns.size()];
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Jdbc.bind(ps, districtId, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < emptied.length; i++) {
                        emptied[i] = rs.getLong(i + 1);
                    }
                }
            }
            for (int i = 0; i < emptied.length; i++) {
                if (emptied[i] < DRIFT_MIN_RECORDS) {
                    continue;
                }
                RosterTable.Column column = table.columns.get(i);
                long had = count(c, "SELECT count(*) FROM " + table.current + " r WHERE r.district_id = ? AND r.status = 'active' AND "
                        + filled("r." + column.name(), column.type()), districtId);
                if (emptied[i] * 100 >= had * DRIFT_PERCENT) {
                    reasons.add("The source's " + label(table) + " no longer carry " + column.json() + ": " + emptied[i] + " of the "
                            + had + " that had it would lose it, so the " + column.json() + " column seems to be missing or "
                            + "renamed since the last good run.");
                }
            }
        }
        return reasons;
    }

    /**
     * Names and titles that arrive as their own UTF-8 bytes read as Latin-1 (José became JosÃ©): the encoding changed.
     * Judged when such a change concerns at least half of the roster's values outside ASCII in that column.
     */
    private static List<String> garbled(Connection c, UUID districtId, UUID runId) throws SQLException {
        List<String> reasons = new ArrayList<>();
        for (RosterTable table : RosterTable.values()) {
            List<RosterTable.Column> text = table.columns.stream().filter(k -> k.type() == RosterTable.Type.TEXT
                    && !k.name().endsWith("sourced_id") && !k.name().equals("role")).toList();
            if (text.isEmpty()) {
                continue;
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            for (RosterTable.Column column : text) {
                String r = "r." + column.name();
                String s = "s." + column.name();
                String misread = s + " <> " + r + " AND " + s + " = convert_from(convert_to(" + r + ", 'UTF8'), 'LATIN1')";
                sql.append("count(*) FILTER (WHERE ").append(misread).append("), min(").append(r).append(" || ' became ' || ").append(s)
                        .append(") FILTER (WHERE ").append(misread).append("), ");
            }
            sql.setLength(sql.length() - 2);
            sql.append(" FROM ").append(table.staged).append(" s JOIN ").append(table.current)
                    .append(" r ON r.district_id = ? AND r.sourced_id = s.sourced_id AND r.status = 'active' WHERE s.run_id = ? AND s.op = 'U'");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Jdbc.bind(ps, districtId, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (int i = 0; i < text.size(); i++) {
                        long misread = rs.getLong(2 * i + 1);
                        if (misread == 0) {
                            continue;
                        }
                        long nonAscii = count(c, "SELECT count(*) FROM " + table.current + " r WHERE r.district_id = ? AND r.status = 'active' "
                                + "AND r." + text.get(i).name() + " ~ '[^\\x01-\\x7F]'", districtId);
                        if (misread * 2 >= nonAscii) {
                            reasons.add("The source's text arrives in another encoding: " + misread + " " + label(table) + " changed "
                                    + text.get(i).json() + " into its UTF-8 bytes read as Latin-1 (" + rs.getString(2 * i + 2)
                                    + "), so the export's file encoding seems to have changed since the last good run.");
                        }
                    }
                }
            }
        }
        return reasons;
    }

    private static String filled(String column, RosterTable.Type type) {
        return switch (type) {
            case TEXT -> "COALESCE(" + column + ", '') <> ''";
            case DATE -> column + " IS NOT NULL";
            case TEXT_ARRAY -> "COALESCE(cardinality(" + column + "), 0) > 0";
        };
    }

    private static String label(RosterTable table) {
        return switch (table) {
            case ORGS -> "schools";
            case ACADEMIC_SESSIONS -> "academic sessions";
            default -> table.collection;
        };
    }

    List<Finding> judgeRecords(Connection c, UUID districtId, UUID runId, SafetySettings s, LocalDate today) throws SQLException {
        boolean rollover = s.inRollover(today);
        BigDecimal userPercent = rollover ? s.rolloverRemovalPercent().max(s.userRemovalPercent()) : s.userRemovalPercent();
        BigDecimal enrollmentPercent = rollover ? s.rolloverRemovalPercent().max(s.enrollmentRemovalPercent()) : s.enrollmentRemovalPercent();
        BigDecimal schoolUserPercent = rollover ? s.rolloverRemovalPercent().max(s.effectiveSchoolUserPercent()) : s.effectiveSchoolUserPercent();
        BigDecimal schoolEnrollmentPercent = rollover ? s.rolloverRemovalPercent().max(s.effectiveSchoolEnrollmentPercent())
                : s.effectiveSchoolEnrollmentPercent();
        List<Finding> findings = new ArrayList<>();

        // District-wide: users and enrollments.
        long users = count(c, "SELECT count(*) FROM roster_user WHERE district_id = ? AND status = 'active'", districtId);
        check(findings, "DISTRICT", "The district", "users", removed(c, RosterTable.USERS, districtId, runId), users,
                userPercent, s.userRemovalMinCount());
        long enrollments = count(c, "SELECT count(*) FROM roster_enrollment WHERE district_id = ? AND status = 'active'", districtId);
        check(findings, "DISTRICT", "The district", "enrollments", removed(c, RosterTable.ENROLLMENTS, districtId, runId),
                enrollments, enrollmentPercent, s.enrollmentRemovalMinCount());

        // Per school, over the classes big enough to judge (at least minClassSize active students), with the
        // school-level thresholds. A school can only cross one by losing enrollments or users: when the run removes
        // and deactivates none, every school's count is zero and the pass over the whole roster is skipped.
        if (!removesEnrollmentsOrUsers(c, runId)) {
            return findings;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH students AS (
                    -- One pass over the enrollments instead of a count per class (tens of thousands of index scans).
                    SELECT e.class_sourced_id, count(*) AS n FROM roster_enrollment e
                    WHERE e.district_id = ? AND e.status = 'active' AND lower(e.role) = 'student'
                    GROUP BY e.class_sourced_id),
                judged AS (
                    SELECT k.sourced_id, k.school_sourced_id FROM roster_class k
                    LEFT JOIN students st ON st.class_sourced_id = k.sourced_id
                    WHERE k.district_id = ? AND k.status = 'active' AND COALESCE(st.n, 0) >= ?),
                gone_enrollments AS (
                    SELECT s.sourced_id FROM staged_enrollment s WHERE s.run_id = ? AND (s.op = 'D' OR s.status <> 'active')),
                gone_users AS (
                    SELECT s.sourced_id FROM staged_user s WHERE s.run_id = ? AND (s.op = 'D' OR s.status <> 'active')),
                per_person AS (
                    -- Per school and person first (one hash aggregate), so a school's people are counted by a plain
                    -- count instead of two count(DISTINCT ...) that sort every enrollment of the district.
                    SELECT j.school_sourced_id AS school, e.user_sourced_id, count(*) AS enrollments, count(ge.sourced_id) AS gone
                    FROM roster_enrollment e JOIN judged j ON j.sourced_id = e.class_sourced_id
                    LEFT JOIN gone_enrollments ge ON ge.sourced_id = e.sourced_id
                    WHERE e.district_id = ? AND e.status = 'active'
                    GROUP BY j.school_sourced_id, e.user_sourced_id)
                SELECT x.school, COALESCE(min(o.name), min(ss.name), x.school),
                       sum(x.enrollments), sum(x.gone), count(x.user_sourced_id), count(gu.sourced_id)
                FROM per_person x
                LEFT JOIN gone_users gu ON gu.sourced_id = x.user_sourced_id
                LEFT JOIN roster_org o ON o.district_id = ? AND o.sourced_id = x.school
                LEFT JOIN sis_school ss ON ss.district_id = ? AND ss.sourced_id = x.school
                GROUP BY x.school ORDER BY x.school""")) {
            Jdbc.bind(ps, districtId, districtId, s.minClassSize(), runId, runId, districtId, districtId, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    check(findings, "SCHOOL:" + rs.getString(1), name, "enrollments", rs.getLong(4), rs.getLong(3),
                            schoolEnrollmentPercent, s.effectiveSchoolEnrollmentMinCount());
                    check(findings, "SCHOOL:" + rs.getString(1), name, "users", rs.getLong(6), rs.getLong(5),
                            schoolUserPercent, s.effectiveSchoolUserMinCount());
                }
            }
        }

        return findings;
    }

    /** Whether the run stages a deletion or a deactivation of any enrollment or user (the per-school judgement's losses). */
    private static boolean removesEnrollmentsOrUsers(Connection c, UUID runId) throws SQLException {
        return count(c, """
                SELECT (EXISTS (SELECT 1 FROM staged_enrollment s WHERE s.run_id = ? AND (s.op = 'D' OR s.status <> 'active'))
                     OR EXISTS (SELECT 1 FROM staged_user s WHERE s.run_id = ? AND (s.op = 'D' OR s.status <> 'active')))::int""",
                runId, runId) > 0;
    }

    private static void check(List<Finding> findings, String scope, String name, String type, long lost, long total,
                              BigDecimal percent, int minCount) {
        if (total == 0 || lost == 0 || lost < minCount) {
            return;
        }
        BigDecimal share = BigDecimal.valueOf(lost * 100.0 / total);
        if (share.compareTo(percent) > 0) {
            long rounded = Math.round(lost * 100.0 / total);
            findings.add(new Finding(scope, name, type, lost, total, share.setScale(1, java.math.RoundingMode.HALF_UP),
                    name + " would lose " + lost + " of " + total + " " + type + " (" + rounded + " %)"));
        }
    }

    private void hold(Connection c, UUID districtId, UUID runId, SafetySettings settings, List<Finding> findings,
                      LocalDate today) throws SQLException {
        Instant now = clock.instant();
        String reason = String.join("; ", findings.stream().map(Finding::text).toList()) + ".";
        boolean additions = settings.applyAdditionsWhileHeld();
        Jdbc.update(c, "UPDATE sync_run SET status = 'HELD', finished_at = ?, error = ? WHERE id = ?", now,
                "Held: " + reason + " Nothing was removed; approve the run to apply it or discard it.", runId);
        Jdbc.update(c, "INSERT INTO run_hold (run_id, district_id, reason, findings, held_at) VALUES (?, ?, ?, ?::jsonb, ?)",
                runId, districtId, reason, json(findings), now);
        if (additions) {
            HeldAdditions.apply(c, districtId, runId, today, now, syncConfig.matchOrder());
            Jdbc.update(c, "UPDATE run_hold SET additions_applied = true WHERE run_id = ?", runId);
        }
        Notifications.create(c, districtId, "RUN_HELD", "A sync run is held for your review",
                reason + (additions ? " New people, classes and enrollments were added; nothing was removed."
                        : " Nothing was applied.") + " Approve the run to apply it, or discard it.", runId, now);
        audit.record(districtId, "run.held", "sync_run", runId, null, java.util.Map.of("reason", reason, "additionsApplied", additions));
        LOG.infof("Held run %s of district %s: %s", runId, districtId, reason);
    }

    private void fail(Connection c, UUID districtId, UUID runId, String reason) throws SQLException {
        Jdbc.update(c, "UPDATE sync_run SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ?", clock.instant(), reason, runId);
        io.rosterline.api.staging.StagedRuns.clear(c, runId);
        audit.record(districtId, "run.failed-safe", "sync_run", runId, null, java.util.Map.of("reason", reason));
        LOG.infof("Failed run %s of district %s before applying: %s", runId, districtId, reason);
    }

    /** Records of the collection that are active now and that the run removes or deactivates. */
    private static long removed(Connection c, RosterTable collection, UUID districtId, UUID runId) throws SQLException {
        return count(c, "SELECT count(*) FROM " + collection.staged + " s JOIN " + collection.current
                + " r ON r.district_id = ? AND r.sourced_id = s.sourced_id AND r.status = 'active' "
                + "WHERE s.run_id = ? AND (s.op = 'D' OR s.status <> 'active')", districtId, runId);
    }

    static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    LocalDate today(UUID districtId) {
        District district = District.findById(districtId);
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(district.timezone));
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
