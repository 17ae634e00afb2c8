package io.rosterline.api.safety;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.api.district.District;
import io.rosterline.api.notifications.Notifications;
import io.rosterline.api.staging.ApplyEngine;
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
import java.util.Locale;
import java.util.UUID;

/**
 * Decides, when a worker completes a run and before anything is applied, whether the run may proceed:
 * <ol>
 * <li>fail-safe checks fail the run outright (the connector reported errors such as CSV header drift or an encoding
 * change; or the source shrank under a share of the last good run) — nothing is removed;</li>
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

    /** One threshold crossed: who would lose how many of what. */
    public record Finding(String scope, String scopeName, String recordType, long lost, long total, BigDecimal percent,
                          String text) {
    }

    /** @return true when the run may go on (be applied, or wait for review); false when this gate failed or held it. */
    public boolean admit(Connection c, UUID districtId, UUID runId, RunKind kind) throws SQLException {
        SafetySettings settings = SafetySettingsService.load(c, districtId);
        Notifications.remindForgottenOverrides(c, districtId, today(districtId), clock.instant());
        String failure = preRunFailure(c, districtId, runId, settings);
        if (failure != null) {
            fail(c, districtId, runId, failure);
            return false;
        }
        if (kind == RunKind.SHADOW) {
            shadowRuns.plan(c, districtId, runId, today(districtId));
            return false;
        }
        if (!kind.appliesOnCompletion()) {
            return true;
        }
        LocalDate today = today(districtId);
        List<Finding> findings = judge(c, districtId, runId, settings, today);
        if (findings.isEmpty()) {
            return true;
        }
        hold(c, districtId, runId, settings, findings, today);
        return false;
    }

    /** The reason to fail the run before it removes anything, or null. */
    String preRunFailure(Connection c, UUID districtId, UUID runId, SafetySettings settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COALESCE((read_report ->> 'errors')::bigint, 0), read_report -> 'firstErrors' ->> 0
                FROM sync_run WHERE id = ?""")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    long errors = rs.getLong(1);
                    String first = rs.getString(2);
                    return "The source reported " + errors + (errors == 1 ? " error" : " errors")
                            + (first == null ? "" : " (first: " + first + ")")
                            + ", for example a changed CSV header or file encoding. The run was stopped before anything was "
                            + "removed; correct the export and run again.";
                }
            }
        }
        for (Collection collection : Collection.values()) {
            long current = count(c, "SELECT count(*) FROM " + collection.current + " WHERE district_id = ? AND status = 'active'", districtId);
            if (current == 0) {
                continue;
            }
            long after = current - removed(c, collection, districtId, runId) + count(c, "SELECT count(*) FROM " + collection.staged
                    + " s WHERE s.run_id = ? AND s.op = 'U' AND s.status = 'active' AND NOT EXISTS (SELECT 1 FROM " + collection.current
                    + " r WHERE r.district_id = ? AND r.sourced_id = s.sourced_id AND r.status = 'active')", runId, districtId);
            if (BigDecimal.valueOf(after).multiply(BigDecimal.valueOf(100))
                    .compareTo(settings.minSourcePercent().multiply(BigDecimal.valueOf(current))) < 0) {
                return "The source now has " + after + " active " + collection.label + ", under " + settings.minSourcePercent().toPlainString()
                        + " % of the " + current + " of the last good run. The run was stopped so that this does not turn into "
                        + "mass removals; check that the export is complete and run again.";
            }
        }
        return null;
    }

    List<Finding> judge(Connection c, UUID districtId, UUID runId, SafetySettings s, LocalDate today) throws SQLException {
        boolean rollover = s.inRollover(today);
        BigDecimal userPercent = rollover ? s.rolloverRemovalPercent().max(s.userRemovalPercent()) : s.userRemovalPercent();
        BigDecimal enrollmentPercent = rollover ? s.rolloverRemovalPercent().max(s.enrollmentRemovalPercent()) : s.enrollmentRemovalPercent();
        BigDecimal licensePercent = rollover ? s.rolloverRemovalPercent().max(s.licenseRemovalPercent()) : s.licenseRemovalPercent();
        BigDecimal schoolUserPercent = rollover ? s.rolloverRemovalPercent().max(s.effectiveSchoolUserPercent()) : s.effectiveSchoolUserPercent();
        BigDecimal schoolEnrollmentPercent = rollover ? s.rolloverRemovalPercent().max(s.effectiveSchoolEnrollmentPercent())
                : s.effectiveSchoolEnrollmentPercent();
        List<Finding> findings = new ArrayList<>();

        // District-wide: users and enrollments.
        long users = count(c, "SELECT count(*) FROM roster_user WHERE district_id = ? AND status = 'active'", districtId);
        check(findings, "DISTRICT", "The district", "users", removed(c, Collection.USERS, districtId, runId), users,
                userPercent, s.userRemovalMinCount());
        long enrollments = count(c, "SELECT count(*) FROM roster_enrollment WHERE district_id = ? AND status = 'active'", districtId);
        check(findings, "DISTRICT", "The district", "enrollments", removed(c, Collection.ENROLLMENTS, districtId, runId),
                enrollments, enrollmentPercent, s.enrollmentRemovalMinCount());

        // Per school, over the classes big enough to judge (at least minClassSize active students), with the
        // school-level thresholds.
        try (PreparedStatement ps = c.prepareStatement("""
                WITH judged AS (
                    SELECT k.sourced_id, k.school_sourced_id FROM roster_class k
                    WHERE k.district_id = ? AND k.status = 'active'
                      AND (SELECT count(*) FROM roster_enrollment e WHERE e.district_id = k.district_id
                             AND e.class_sourced_id = k.sourced_id AND e.status = 'active' AND lower(e.role) = 'student') >= ?),
                cur AS (
                    SELECT j.school_sourced_id AS school, e.sourced_id, e.user_sourced_id
                    FROM roster_enrollment e JOIN judged j ON j.sourced_id = e.class_sourced_id
                    WHERE e.district_id = ? AND e.status = 'active'),
                gone_enrollments AS (
                    SELECT s.sourced_id FROM staged_enrollment s WHERE s.run_id = ? AND (s.op = 'D' OR s.status <> 'active')),
                gone_users AS (
                    SELECT s.sourced_id FROM staged_user s WHERE s.run_id = ? AND (s.op = 'D' OR s.status <> 'active'))
                SELECT cur.school, COALESCE(min(o.name), min(ss.name), cur.school),
                       count(*), count(ge.sourced_id),
                       count(DISTINCT cur.user_sourced_id), count(DISTINCT gu.sourced_id)
                FROM cur
                LEFT JOIN gone_enrollments ge ON ge.sourced_id = cur.sourced_id
                LEFT JOIN gone_users gu ON gu.sourced_id = cur.user_sourced_id
                LEFT JOIN roster_org o ON o.district_id = ? AND o.sourced_id = cur.school
                LEFT JOIN sis_school ss ON ss.district_id = ? AND ss.sourced_id = cur.school
                GROUP BY cur.school ORDER BY cur.school""")) {
            Jdbc.bind(ps, districtId, s.minClassSize(), districtId, runId, runId, districtId, districtId);
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

        // License assignments: the apply itself, in a savepoint that is rolled back, so the count is exactly the plan's.
        long rostered = count(c, "SELECT count(*) FROM license_assignment WHERE district_id = ? AND source = 'ROSTERED'", districtId);
        if (rostered > 0) {
            // Plain SQL savepoint: the pooled connection is enlisted in the transaction and refuses rollback() calls.
            Jdbc.update(c, "SAVEPOINT safety_check");
            long lost;
            try {
                // Only losses the roster causes count: someone no longer enrolled in a licensed course. Losing a seat
                // because the admin shrank a pool is the admin's own decision, not a sign of a broken export.
                Jdbc.update(c, "CREATE TEMP TABLE safety_held ON COMMIT DROP AS SELECT account_id, product_id FROM license_assignment "
                        + "WHERE district_id = ? AND source = 'ROSTERED'", districtId);
                ApplyEngine.apply(c, districtId, runId, today, clock.instant(), "safety-check", syncConfig.matchOrder(), 0);
                lost = count(c, "SELECT count(*) FROM safety_held h WHERE NOT EXISTS (SELECT 1 FROM apply_alloc x "
                        + "WHERE x.account_id = h.account_id AND x.product_id = h.product_id)");
            } finally {
                Jdbc.update(c, "ROLLBACK TO SAVEPOINT safety_check");
            }
            Jdbc.update(c, "RELEASE SAVEPOINT safety_check");
            check(findings, "DISTRICT", "The district", "license assignments", lost, rostered, licensePercent,
                    s.licenseRemovalMinCount());
        }
        return findings;
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
        StagedRows.clear(c, runId);
        audit.record(districtId, "run.failed-safe", "sync_run", runId, null, java.util.Map.of("reason", reason));
        LOG.infof("Failed run %s of district %s before applying: %s", runId, districtId, reason);
    }

    /** Records of the collection that are active now and that the run removes or deactivates. */
    private static long removed(Connection c, Collection collection, UUID districtId, UUID runId) throws SQLException {
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

    /** The collections whose size and removals are judged. */
    enum Collection {
        USERS("roster_user", "staged_user", "users"),
        CLASSES("roster_class", "staged_class", "classes"),
        ENROLLMENTS("roster_enrollment", "staged_enrollment", "enrollments");

        final String current;
        final String staged;
        final String label;

        Collection(String current, String staged, String label) {
            this.current = current;
            this.staged = staged;
            this.label = label.toLowerCase(Locale.ROOT);
        }
    }
}
