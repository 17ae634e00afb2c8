package io.rosterline.api.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.district.District;
import io.rosterline.api.safety.RunSourceCheck;
import io.rosterline.api.sync.SyncDtos.RunProgress;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Run history and the state of one run, as admins see it. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RunReader {

    private static final String COLUMNS = """
            sync_run.id, sync_run.district_id, kind, trigger_source, status, requested_by, attempt, created_at, started_at, staged_at,
            applied_at, finished_at, progress, counts, plan_summary, apply_report, read_report, error, source_upload_id,
            reviewed_at, reviewed_by,
            sc.reason AS source_check_reason, sc.failed_at AS source_check_failed_at, sc.accepted_by AS source_check_accepted_by,
            sc.accepted_at AS source_check_accepted_at, sc.consumed_by_run AS source_check_used_by""";
    /** The run with what the fail-safe source checks stored about it, if they stopped it. */
    private static final String FROM = " FROM sync_run LEFT JOIN run_source_check sc ON sc.run_id = sync_run.id ";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper objectMapper;

    public RunView get(UUID districtId, UUID runId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + "WHERE sync_run.id = ? AND sync_run.district_id = ?")) {
            ps.setObject(1, runId);
            ps.setObject(2, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Run " + runId);
                }
                return view(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public PageResult<RunView> list(UUID districtId, int page, int size) {
        District.require(districtId);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sync_run WHERE district_id = ?")) {
                ps.setObject(1, districtId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<RunView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
                    + "WHERE sync_run.district_id = ? ORDER BY created_at DESC, sync_run.id LIMIT ? OFFSET ?")) {
                ps.setObject(1, districtId);
                ps.setInt(2, size);
                ps.setLong(3, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(view(rs));
                    }
                }
            }
            return new PageResult<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunView view(ResultSet rs) throws SQLException {
        Instant started = Jdbc.instant(rs.getTimestamp("started_at"));
        Instant finished = Jdbc.instant(rs.getTimestamp("finished_at"));
        Double duration = started != null && finished != null ? Duration.between(started, finished).toMillis() / 1000.0 : null;
        JsonNode progress = json(rs.getString("progress"));
        return new RunView(rs.getObject("id", UUID.class), rs.getObject("district_id", UUID.class),
                RunKind.valueOf(rs.getString("kind")), rs.getString("trigger_source"), RunStatus.valueOf(rs.getString("status")),
                rs.getString("requested_by"), rs.getInt("attempt"), Jdbc.instant(rs.getTimestamp("created_at")), started,
                Jdbc.instant(rs.getTimestamp("staged_at")), Jdbc.instant(rs.getTimestamp("applied_at")), finished, duration,
                progress(progress), json(rs.getString("counts")), json(rs.getString("plan_summary")),
                json(rs.getString("apply_report")), json(rs.getString("read_report")), rs.getString("error"),
                rs.getObject("source_upload_id", UUID.class), Jdbc.instant(rs.getTimestamp("reviewed_at")), rs.getString("reviewed_by"),
                RunSourceCheck.of(rs.getString("source_check_reason"), Jdbc.instant(rs.getTimestamp("source_check_failed_at")),
                        rs.getString("source_check_accepted_by"), Jdbc.instant(rs.getTimestamp("source_check_accepted_at")),
                        rs.getObject("source_check_used_by", UUID.class)));
    }

    static RunProgress progress(JsonNode node) {
        if (node == null || !node.hasNonNull("phase")) {
            return new RunProgress(null, null, null, null, null);
        }
        String phase = node.get("phase").asText();
        Long done = node.hasNonNull("done") ? node.get("done").asLong() : null;
        Long total = node.hasNonNull("total") ? node.get("total").asLong() : null;
        String text = phase + (done == null ? "" : " " + String.format(Locale.US, "%,d", done)
                + (total == null ? "" : " of " + String.format(Locale.US, "%,d", total)));
        return new RunProgress(phase, done, total, text, node.get("phases"));
    }

    private JsonNode json(String value) {
        try {
            return value == null ? null : objectMapper.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("stored run JSON is not readable", e);
        }
    }
}
