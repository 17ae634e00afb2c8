package io.rosterline.api.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.staging.RunCompletion;
import io.rosterline.api.sync.Jdbc;
import io.rosterline.api.sync.RunReader;
import io.rosterline.api.sync.SyncDtos.RunView;
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

/** An admin's decision on a held run: approve (apply it as it is) or discard (apply nothing more, drop its staged rows). */
@ApplicationScoped
@Transactional
public class HoldService {

    @Schema(name = "RunHold", description = "Why a run was held, and what the admin decided.", example = """
            {"runId":"5ec52906-ab9a-43fe-8a67-695998a50aa4",
             "reason":"Lincoln High School would lose 412 of 430 enrollments (96 %).",
             "findings":[{"scope":"SCHOOL:sch-0002","scopeName":"Lincoln High School","recordType":"enrollments","lost":412,
                          "total":430,"percent":95.8,"text":"Lincoln High School would lose 412 of 430 enrollments (96 %)"}],
             "additionsApplied":true,"heldAt":"2026-11-24T08:03:10Z","decision":null,"decidedBy":null,"decidedAt":null}""")
    public record HoldView(UUID runId, String reason, JsonNode findings, boolean additionsApplied, Instant heldAt,
                           String decision, String decidedBy, Instant decidedAt) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RunCompletion completion;
    @Inject
    RunReader reader;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    Clock clock;
    @Inject
    ObjectMapper objectMapper;

    public HoldView hold(UUID districtId, UUID runId) {
        reader.get(districtId, runId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT run_id, reason, findings::text, additions_applied, held_at, decision, "
                     + "decided_by, decided_at FROM run_hold WHERE run_id = ? AND district_id = ?")) {
            Jdbc.bind(ps, runId, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Hold of run " + runId);
                }
                return new HoldView(rs.getObject(1, UUID.class), rs.getString(2), objectMapper.readTree(rs.getString(3)),
                        rs.getBoolean(4), Jdbc.instant(rs.getTimestamp(5)), rs.getString(6), rs.getString(7),
                        Jdbc.instant(rs.getTimestamp(8)));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies the held run exactly as the sync would have; if a later run was applied meanwhile, nothing changes. */
    public RunView approve(UUID districtId, UUID runId) {
        try (Connection c = dataSource.getConnection()) {
            requireHeld(c, districtId, runId);
            // The sync's own apply path takes it from here (staleness check, one-transaction apply, audit).
            Jdbc.update(c, "UPDATE sync_run SET status = 'STAGED', error = NULL, finished_at = NULL WHERE id = ?", runId);
            RunView applied = completion.apply(districtId, runId);
            Jdbc.update(c, "UPDATE run_hold SET decision = 'APPROVED', decided_by = ?, decided_at = ? WHERE run_id = ?",
                    currentUser.actor(), clock.instant(), runId);
            audit.record(districtId, "run.hold.approved", "sync_run", runId, Map.of("status", "HELD"), Map.of("status", "APPLIED"));
            return applied;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public RunView discard(UUID districtId, UUID runId) {
        try (Connection c = dataSource.getConnection()) {
            requireHeld(c, districtId, runId);
            Instant now = clock.instant();
            Jdbc.update(c, "UPDATE sync_run SET status = 'DISCARDED', finished_at = ?, error = ? WHERE id = ?", now,
                    "Discarded by " + currentUser.actor() + " after it was held; its removals were never applied.", runId);
            Jdbc.update(c, "UPDATE run_hold SET decision = 'DISCARDED', decided_by = ?, decided_at = ? WHERE run_id = ?",
                    currentUser.actor(), now, runId);
            io.rosterline.api.staging.StagedRuns.clear(c, runId);
            audit.record(districtId, "run.hold.discarded", "sync_run", runId, Map.of("status", "HELD"), Map.of("status", "DISCARDED"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return reader.get(districtId, runId);
    }

    private static void requireHeld(Connection c, UUID districtId, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM sync_run WHERE id = ? AND district_id = ? FOR UPDATE")) {
            Jdbc.bind(ps, runId, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Run " + runId);
                }
                if (!"HELD".equals(rs.getString(1))) {
                    throw ProblemException.conflict("Only a held run can be approved or discarded; this run is "
                            + rs.getString(1).toLowerCase() + ".");
                }
            }
        }
    }
}
