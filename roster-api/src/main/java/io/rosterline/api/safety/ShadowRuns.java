package io.rosterline.api.safety;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.staging.ApplyEngine;
import io.rosterline.api.sync.Jdbc;
import io.rosterline.api.sync.RunReader;
import io.rosterline.api.sync.SyncConfig;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Shadow mode: a district still in SETUP with shadow mode on gets a SHADOW run in its nightly window. The worker reads
 * it like any run; on completion its license plan is computed (the apply, rolled back to a savepoint) and kept, the
 * run ends SHADOWED and its staged rows are dropped. Nothing is ever applied.
 */
@ApplicationScoped
public class ShadowRuns {

    private static final Logger LOG = Logger.getLogger(ShadowRuns.class);

    @Inject
    Clock clock;
    @Inject
    SyncConfig syncConfig;
    @Inject
    ObjectMapper objectMapper;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    RunReader reader;

    /** Same window rule as the nightly run of a LIVE district (the window may cross midnight). */
    public void enqueueDue(Connection c, Instant now) throws SQLException {
        int queued = Jdbc.update(c, """
                INSERT INTO sync_run (id, district_id, kind, trigger_source, requested_by, status, window_date, created_at)
                SELECT gen_random_uuid(), d.id, 'SHADOW', 'SCHEDULE', 'schedule', 'QUEUED',
                       CASE WHEN d.window_start < d.window_end OR l.local::time >= d.window_start
                            THEN l.local::date ELSE l.local::date - 1 END,
                       ?
                FROM district d JOIN safety_settings s ON s.district_id = d.id AND s.shadow_nightly,
                     LATERAL (SELECT (?::timestamptz AT TIME ZONE d.timezone) AS local) l
                WHERE d.schedule_mode = 'SETUP' AND d.archived_at IS NULL
                  AND d.window_start IS NOT NULL AND d.window_end IS NOT NULL
                  AND CASE WHEN d.window_start < d.window_end
                           THEN l.local::time >= d.window_start AND l.local::time < d.window_end
                           ELSE l.local::time >= d.window_start OR l.local::time < d.window_end END
                  AND NOT EXISTS (SELECT 1 FROM sync_run x WHERE x.district_id = d.id AND x.status IN ('QUEUED', 'RUNNING'))
                ON CONFLICT DO NOTHING""", now, now);
        if (queued > 0) {
            LOG.infof("Queued %d shadow run(s)", queued);
        }
    }

    /** Called by the safety gate when a SHADOW run completes, in the completion's transaction. */
    void plan(Connection c, UUID districtId, UUID runId, LocalDate today) throws SQLException {
        Jdbc.update(c, "SAVEPOINT shadow_plan");
        ApplyEngine.Report report;
        try {
            report = ApplyEngine.apply(c, districtId, runId, today, clock.instant(), "shadow", syncConfig.matchOrder(), 50);
        } finally {
            Jdbc.update(c, "ROLLBACK TO SAVEPOINT shadow_plan");
        }
        Jdbc.update(c, "RELEASE SAVEPOINT shadow_plan");
        try {
            Jdbc.update(c, "UPDATE sync_run SET status = 'SHADOWED', finished_at = ?, plan_summary = ?::jsonb WHERE id = ?",
                    clock.instant(), objectMapper.writeValueAsString(report), runId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        io.rosterline.api.staging.StagedRuns.clear(c, runId);
        LOG.infof("Shadow run %s of district %s planned: %d would gain, %d would lose", runId, districtId, report.gainsTotal(),
                report.lossesTotal());
    }

    @Transactional
    public PageResult<RunView> list(UUID districtId, int page, int size) {
        io.rosterline.api.district.District.require(districtId);
        try (Connection c = dataSource.getConnection()) {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sync_run WHERE district_id = ? AND kind = 'SHADOW' "
                    + "ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                Jdbc.bind(ps, districtId, size, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            long total = SafetyGate.count(c, "SELECT count(*) FROM sync_run WHERE district_id = ? AND kind = 'SHADOW'", districtId);
            return new PageResult<>(ids.stream().map(id -> reader.get(districtId, id)).toList(), page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
