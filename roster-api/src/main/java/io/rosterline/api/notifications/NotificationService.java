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

    @Schema(name = "Notification", description = "Something the district's admins should look at: a held or failed run.")
    public record NotificationView(UUID id, String kind, String title, String body, UUID runId, Instant createdAt, Instant readAt,
                                   String readBy) {
    }

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
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, title, body, run_id, created_at, read_at, read_by "
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
            try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, title, body, run_id, created_at, read_at, read_by "
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
                rs.getObject(5, UUID.class), Jdbc.instant(rs.getTimestamp(6)), Jdbc.instant(rs.getTimestamp(7)), rs.getString(8));
    }
}
