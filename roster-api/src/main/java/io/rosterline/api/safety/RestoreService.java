package io.rosterline.api.safety;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.staging.ApplyEngine;
import io.rosterline.api.staging.ApplyEngine.Person;
import io.rosterline.api.sync.Jdbc;
import io.rosterline.api.sync.RunReader;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Restores the ROSTERED license assignments an earlier applied run left. POST .../runs/{runId}/restore creates a
 * RESTORE run (STAGED, never claimed by a worker) whose plan is reviewable through the usual plan endpoint and which
 * the usual apply endpoint applies; the sync's apply calls {@link #apply} for it instead of re-allocating.
 * Everything is set-based over the compact per-run snapshot (one row per product, pool and dates, account ids as an array).
 */
@ApplicationScoped
@Transactional
public class RestoreService {

    /** The wanted assignments of a restore: the source run's snapshot, unnested, for accounts and pools that still exist. */
    private static final String WANTED = """
            CREATE TEMP TABLE restore_want ON COMMIT DROP AS
            SELECT DISTINCT ON (u.account_id, s.product_id) u.account_id, s.product_id, s.pool_id, s.effective_start, s.effective_end
            FROM run_restore r JOIN run_assignment_snapshot s ON s.run_id = r.source_run_id, unnest(s.account_ids) AS u(account_id)
            WHERE r.run_id = ? AND EXISTS (SELECT 1 FROM account a WHERE a.id = u.account_id)
              AND EXISTS (SELECT 1 FROM license_pool p WHERE p.id = s.pool_id)
            ORDER BY u.account_id, s.product_id, s.pool_id""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RunReader reader;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    Clock clock;

    public RunView request(UUID districtId, UUID sourceRunId) {
        RunView source = reader.get(districtId, sourceRunId);
        if (source.status() != io.rosterline.api.sync.RunStatus.APPLIED) {
            throw ProblemException.conflict("Only an applied run's licenses can be restored; this run is "
                    + source.status().name().toLowerCase() + ".");
        }
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            Jdbc.lock(c, "SELECT 1 FROM district WHERE id = ? FOR UPDATE", districtId);
            Instant now = clock.instant();
            Jdbc.update(c, """
                    INSERT INTO sync_run (id, district_id, kind, trigger_source, requested_by, status, created_at, started_at, staged_at,
                                          finished_at, base_seq, progress)
                    VALUES (?, ?, 'RESTORE', 'MANUAL', ?, 'STAGED', ?, ?, ?, ?,
                            (SELECT COALESCE(max(apply_seq), 0) FROM sync_run WHERE district_id = ?), '{"phase":"staged"}')""",
                    id, districtId, currentUser.actor(), now, now, now, now, districtId);
            Jdbc.update(c, "INSERT INTO run_restore (run_id, source_run_id) VALUES (?, ?)", id, sourceRunId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        audit.record(districtId, "run.restore.requested", "sync_run", id, null, Map.of("restores", sourceRunId.toString()));
        return reader.get(districtId, id);
    }

    public boolean isRestore(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM run_restore WHERE run_id = ?")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Who would gain and lose which ROSTERED license if the restore were applied now. */
    public ApplyEngine.Report plan(UUID districtId, UUID runId, int listLimit) {
        try (Connection c = dataSource.getConnection()) {
            Jdbc.update(c, WANTED, runId);
            ApplyEngine.Report r = differences(c, districtId, runId, listLimit);
            Jdbc.update(c, "DROP TABLE restore_want");
            return r;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Called by the sync's apply, in its transaction: the ROSTERED assignments become exactly the snapshot's. */
    public ApplyEngine.Report apply(Connection c, UUID districtId, UUID runId, Instant now, String actor, int listLimit)
            throws SQLException {
        Jdbc.lock(c, "SELECT 1 FROM license_pool WHERE district_id = ? FOR UPDATE", districtId);
        Jdbc.update(c, WANTED, runId);
        ApplyEngine.Report r = differences(c, districtId, runId, listLimit);
        Jdbc.update(c, """
                DELETE FROM license_assignment la WHERE la.district_id = ? AND la.source = 'ROSTERED'
                  AND NOT EXISTS (SELECT 1 FROM restore_want w WHERE w.account_id = la.account_id AND w.product_id = la.product_id)""",
                districtId);
        Jdbc.update(c, """
                INSERT INTO license_assignment (district_id, account_id, product_id, pool_id, source, effective_start, effective_end,
                                                assigned_at, assigned_by)
                SELECT ?, w.account_id, w.product_id, w.pool_id, 'ROSTERED', w.effective_start, w.effective_end, ?, ?
                FROM restore_want w
                ON CONFLICT (district_id, account_id, product_id, source) DO UPDATE
                  SET pool_id = EXCLUDED.pool_id, effective_start = EXCLUDED.effective_start, effective_end = EXCLUDED.effective_end,
                      grace_until = NULL, grace_since = NULL""",
                districtId, now, actor);
        long overfull = SafetyGate.count(c, """
                SELECT count(*) FROM license_pool lp WHERE lp.district_id = ?
                  AND (SELECT count(*) FROM license_assignment la WHERE la.pool_id = lp.id) > lp.seats""", districtId);
        if (overfull > 0) {
            throw ProblemException.conflict("Restoring would put more people into " + overfull + " pool(s) than they have seats "
                    + "(seats were given by hand since that run); add seats or remove manual assignments, then restore again.");
        }
        Jdbc.update(c, "DROP TABLE restore_want");
        audit.record(districtId, "run.restore.applied", "sync_run", runId, null,
                Map.of("restored", r.gainsTotal(), "removed", r.lossesTotal()));
        return r;
    }

    private static ApplyEngine.Report differences(Connection c, UUID districtId, UUID runId, int listLimit) throws SQLException {
        String gainsFrom = """
                FROM restore_want w JOIN account a ON a.id = w.account_id JOIN product p ON p.id = w.product_id
                WHERE NOT EXISTS (SELECT 1 FROM license_assignment la WHERE la.district_id = ? AND la.account_id = w.account_id
                                  AND la.product_id = w.product_id AND la.source = 'ROSTERED')""";
        String lossesFrom = """
                FROM license_assignment la JOIN account a ON a.id = la.account_id JOIN product p ON p.id = la.product_id
                WHERE la.district_id = ? AND la.source = 'ROSTERED'
                  AND NOT EXISTS (SELECT 1 FROM restore_want w WHERE w.account_id = la.account_id AND w.product_id = la.product_id)""";
        long gainsTotal = SafetyGate.count(c, "SELECT count(*) " + gainsFrom, districtId);
        long lossesTotal = SafetyGate.count(c, "SELECT count(*) " + lossesFrom, districtId);
        List<Person> gains = people(c, "SELECT a.sourced_id, a.given_name || ' ' || a.family_name, a.role, p.sku, w.pool_id, "
                + "'held it after the restored run' " + gainsFrom + " ORDER BY p.sku, a.sourced_id LIMIT ?", districtId, listLimit);
        List<Person> losses = people(c, "SELECT a.sourced_id, a.given_name || ' ' || a.family_name, a.role, p.sku, la.pool_id, "
                + "'did not hold it after the restored run' " + lossesFrom + " ORDER BY p.sku, a.sourced_id LIMIT ?", districtId, listLimit);
        return new ApplyEngine.Report(Map.of(), List.of(), gainsTotal, gains, lossesTotal, losses, 0, List.of(),
                "restore: the ROSTERED assignments become exactly those the restored run left");
    }

    private static List<Person> people(Connection c, String sql, Object... params) throws SQLException {
        List<Person> people = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.add(new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, UUID.class), rs.getString(6)));
                }
            }
        }
        return people;
    }
}
