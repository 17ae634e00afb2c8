package io.rosterline.api.notifications;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.district.District;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class NotificationService {

    @Schema(name = "Notification", description = "Something the district's admins should look at: a held or failed run, a forgotten "
            + "override date. emailStatus: PENDING, SENDING, SENT (to emailTo at emailedAt), FAILED (emailError), NOT_SENT (no "
            + "notification address).", example = """
            {"id":"9b2f0c1e-4d3a-4b5c-8e6f-7a8b9c0d1e2f","kind":"RUN_HELD","title":"A sync run is held for your review",
             "body":"Lincoln High School would lose 412 of 430 enrollments (96 %). Nothing was applied. Approve the run to apply it, or discard it.",
             "runId":"3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b","createdAt":"2026-11-24T08:12:03Z","readAt":null,"readBy":null,
             "emailStatus":"SENT","emailTo":"rostering@harbor.k12.example","emailedAt":"2026-11-24T08:12:04Z","emailError":null}""")
    public record NotificationView(UUID id, String kind, String title, String body, UUID runId, Instant createdAt, Instant readAt,
                                   String readBy, String emailStatus, String emailTo, Instant emailedAt, String emailError) {
    }

    private static final String COLUMNS = "id, kind, title, body, run_id, created_at, read_at, read_by, email_status, email_to, "
            + "emailed_at, email_error";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    CurrentUser currentUser;
    @Inject
    AuditTrail audit;

    public PageResult<NotificationView> list(UUID districtId, boolean unreadOnly, int page, int size) {
        District.require(districtId);
        String where = "WHERE district_id = ?" + (unreadOnly ? " AND read_at IS NULL" : "");
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM notification " + where)) {
                ps.setObject(1, districtId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<NotificationView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " "
                    + "FROM notification " + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                Jdbc.bind(ps, districtId, size, (long) page * size);
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

    public NotificationView markRead(UUID districtId, UUID id) {
        try (Connection c = dataSource.getConnection()) {
            Jdbc.update(c, "UPDATE notification SET read_at = ?, read_by = ? WHERE id = ? AND district_id = ? AND read_at IS NULL",
                    clock.instant(), currentUser.actor(), id, districtId);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " "
                    + "FROM notification WHERE id = ? AND district_id = ?")) {
                Jdbc.bind(ps, id, districtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("Notification " + id);
                    }
                    NotificationView view = view(rs);
                    audit.record(districtId, "notification.read", "notification", id, null, Map.of("readBy", view.readBy()));
                    return view;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NotificationView view(ResultSet rs) throws SQLException {
        return new NotificationView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, UUID.class), Jdbc.instant(rs.getTimestamp(6)), Jdbc.instant(rs.getTimestamp(7)), rs.getString(8),
                rs.getString(9), rs.getString(10), Jdbc.instant(rs.getTimestamp(11)), rs.getString(12));
    }
}
