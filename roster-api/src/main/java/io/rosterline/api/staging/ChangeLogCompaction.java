package io.rosterline.api.staging;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.rosterline.api.sync.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the change logs behind the stored readiness reviews (readiness_change, V66) and allocations (allocation_change,
 * V67) small: a district whose log has grown past {@link ChangeLogConfig#compactAbove()} rows loses its rows, and
 * what was fingerprinted from them is marked stale in the same transaction, so it is computed anew once, never reused
 * by a coincidence of counts. A district in the middle of an apply (its row locked) or of a readiness computation (its
 * advisory lock held) is left for the next pass: neither may read a fingerprint before the compaction and store it
 * after.
 */
@ApplicationScoped
public class ChangeLogCompaction {

    private static final Logger LOG = Logger.getLogger(ChangeLogCompaction.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ChangeLogConfig config;

    @Scheduled(cron = "${rosterline.change-log.compact-cron:0 45 3 * * ?}", identity = "change-log-compaction",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        compact(config.compactAbove());
    }

    /** Compacts every district whose log holds more than {@code above} rows and that is not busy; returns them. */
    public List<UUID> compact(int above) {
        List<UUID> candidates = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT district_id FROM allocation_change WHERE district_id IS NOT NULL GROUP BY district_id HAVING count(*) > ?
                UNION SELECT district_id FROM readiness_change GROUP BY district_id HAVING count(*) > ?""")) {
            Jdbc.bind(ps, above, above);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<UUID> compacted = new ArrayList<>();
        for (UUID districtId : candidates) {
            if (QuarkusTransaction.requiringNew().call(() -> compact(districtId))) {
                compacted.add(districtId);
            }
        }
        if (!compacted.isEmpty()) {
            LOG.infof("Compacted the change logs of %d district(s); %d busy ones wait for the next pass", compacted.size(),
                    candidates.size() - compacted.size());
        }
        return compacted;
    }

    private boolean compact(UUID districtId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!acquired(c, "SELECT count(*) > 0 FROM (SELECT 1 FROM district WHERE id = ? FOR UPDATE SKIP LOCKED) x", districtId)
                    || !acquired(c, "SELECT pg_try_advisory_xact_lock(hashtext('readiness'), hashtext(?::text))", districtId)) {
                return false;
            }
            Jdbc.update(c, "DELETE FROM allocation_change WHERE district_id = ?", districtId);
            Jdbc.update(c, "DELETE FROM allocation_state WHERE district_id = ?", districtId);
            Jdbc.update(c, "DELETE FROM readiness_change WHERE district_id = ?", districtId);
            // Kept as the last findings (pages show them, marked refreshing, while the next request recomputes them).
            Jdbc.update(c, "UPDATE readiness_snapshot SET fingerprint = 'compacted' WHERE district_id = ?", districtId);
            return true;
        }
    }

    private static boolean acquired(Connection c, String sql, UUID districtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
