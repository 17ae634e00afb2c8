package io.rosterline.api.safety;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.sync.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A run that the fail-safe source checks stopped (a column drifted, the encoding changed, a record type shrank) stays
 * stopped every night until the export is fixed, or until an admin says the change is intended: then the district's next
 * run skips those checks once (the removal thresholds still judge it) and its roster becomes the new baseline.
 */
@ApplicationScoped
@Transactional
public class SourceChanges {

    @Schema(name = "SourceCheck", description = "Why the source checks stopped a run, and whether an admin accepted the change.",
            example = """
                    {"runId":"3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b","reason":"The source's users no longer carry email: 1480 of the 1500 \
                    that had it would lose it, so the email column seems to be missing or renamed since the last good run. ...",
                     "failedAt":"2026-11-24T08:12:03Z","acceptedBy":"harbor-admin","acceptedAt":"2026-11-24T15:40:00Z","consumedByRun":null}""")
    public record SourceCheckView(UUID runId, String reason, Instant failedAt, String acceptedBy, Instant acceptedAt,
                                  UUID consumedByRun) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    Clock clock;

    static void record(Connection c, UUID districtId, UUID runId, String reason, Instant at) throws SQLException {
        Jdbc.update(c, "INSERT INTO run_source_check (run_id, district_id, reason, failed_at) VALUES (?, ?, ?, ?)",
                runId, districtId, reason, at);
    }

    /** True (once) when an admin accepted a source change that no run has used yet; that acceptance is now used. */
    static boolean consumeAcceptance(Connection c, UUID districtId, UUID runId) throws SQLException {
        return Jdbc.update(c, """
                UPDATE run_source_check SET consumed_by_run = ?
                WHERE district_id = ? AND accepted_at IS NOT NULL AND consumed_by_run IS NULL""", runId, districtId) > 0;
    }

    public SourceCheckView accept(UUID districtId, UUID runId) {
        try (Connection c = dataSource.getConnection()) {
            SourceCheckView before = view(c, districtId, runId);
            if (before == null) {
                if (SafetyGate.count(c, "SELECT count(*) FROM sync_run WHERE id = ? AND district_id = ?", runId, districtId) == 0) {
                    throw ProblemException.notFound("Run " + runId);
                }
                throw ProblemException.conflict("Only a run the source checks stopped (column drift, encoding, size) can have its "
                        + "source change accepted; this run was not stopped by them.");
            }
            if (before.acceptedAt() != null) {
                throw ProblemException.conflict("This source change was already accepted by " + before.acceptedBy() + ".");
            }
            Jdbc.update(c, "UPDATE run_source_check SET accepted_by = ?, accepted_at = ? WHERE run_id = ?",
                    currentUser.actor(), clock.instant(), runId);
            SourceCheckView after = view(c, districtId, runId);
            audit.record(districtId, "run.source-change.accepted", "sync_run", runId, Map.of("reason", before.reason()),
                    Map.of("acceptedBy", after.acceptedBy()));
            return after;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SourceCheckView view(Connection c, UUID districtId, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, reason, failed_at, accepted_by, accepted_at, consumed_by_run "
                + "FROM run_source_check WHERE run_id = ? AND district_id = ?")) {
            Jdbc.bind(ps, runId, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new SourceCheckView(rs.getObject(1, UUID.class), rs.getString(2), Jdbc.instant(rs.getTimestamp(3)),
                        rs.getString(4), Jdbc.instant(rs.getTimestamp(5)), rs.getObject(6, UUID.class)) : null;
            }
        }
    }
}
