package io.rosterline.api.safety;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.sync.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.Array;
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
 * The readiness review's bulk actions. LINK gives an existing account the incoming record's sourcedId, so the sync
 * matches it instead of creating a second account. MERGE folds one account into another: its license assignments move
 * (those the kept account already has are dropped), it is deactivated, and the kept account takes its sourcedId if it
 * has none. Every action is kept in account_merge with what it changed, and can be undone exactly.
 */
@ApplicationScoped
@Transactional
public class AccountMergeService {

    @Schema(name = "ReadinessAction", description = "LINK: accountId + sourcedId. MERGE: accountId (kept) + mergeAccountId (folded in).")
    public record Action(@NotNull(message = "choose LINK or MERGE") @Pattern(regexp = "LINK|MERGE", message = "choose LINK or MERGE") String type,
                         @NotNull(message = "name the account") UUID accountId,
                         @Size(max = 255, message = "must be at most 255 characters") String sourcedId,
                         UUID mergeAccountId) {
    }

    @Schema(name = "ReadinessActions", example = """
            {"actions":[{"type":"LINK","accountId":"7d0c1f4e-7a51-4b6e-9d7e-3c1f0b8e2a10","sourcedId":"stu-000123"},
                        {"type":"MERGE","accountId":"7d0c1f4e-7a51-4b6e-9d7e-3c1f0b8e2a10","mergeAccountId":"0b6f3a0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"}]}""")
    public record Actions(@NotNull(message = "list the actions") @Size(min = 1, max = 1000, message = "send 1 to 1000 actions")
                          List<@NotNull(message = "an action may not be empty") @jakarta.validation.Valid Action> actions) {
    }

    @Schema(name = "AccountMerge", description = "One link or merge, with who did it and whether it was undone.", example = """
            {"id":"c2f1e0d4-5b6a-4c3d-9e8f-7a6b5c4d3e2f","kind":"LINK","accountId":"7d0c1f4e-7a51-4b6e-9d7e-3c1f0b8e2a10",
             "mergedAccountId":null,"sourcedId":"stu-000123","movedAssignments":0,"droppedAssignments":0,"createdBy":"harbor-admin",
             "createdAt":"2026-11-23T18:00:00Z","undoneBy":null,"undoneAt":null}""")
    public record MergeView(UUID id, String kind, UUID accountId, UUID mergedAccountId, String sourcedId, int movedAssignments,
                            int droppedAssignments, String createdBy, Instant createdAt, String undoneBy, Instant undoneAt) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    Clock clock;
    @Inject
    ObjectMapper objectMapper;

    /** All actions in one transaction: one refused action refuses them all. */
    public List<MergeView> perform(UUID districtId, Actions request) {
        List<MergeView> done = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < request.actions().size(); i++) {
                Action a = request.actions().get(i);
                UUID id = "LINK".equals(a.type()) ? link(c, districtId, a, i) : merge(c, districtId, a, i);
                done.add(view(c, districtId, id));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    private UUID link(Connection c, UUID districtId, Action a, int i) throws SQLException {
        if (a.sourcedId() == null || a.sourcedId().isBlank()) {
            throw ProblemException.invalid("actions[" + i + "].sourcedId", "give the incoming record's sourcedId to link to");
        }
        JsonNode account = account(c, districtId, a.accountId(), "actions[" + i + "].accountId");
        UUID holder = accountBySourcedId(c, districtId, a.sourcedId());
        if (holder != null && !holder.equals(a.accountId())) {
            throw ProblemException.conflict("Another account already holds sourcedId " + a.sourcedId() + "; merge the two accounts instead.");
        }
        Jdbc.update(c, "UPDATE account SET sourced_id = ?, match_reason = 'LINKED', match_detail = ?, matched_at = ?, updated_at = ? "
                + "WHERE id = ?", a.sourcedId(), "linked to sourcedId " + a.sourcedId() + " by " + currentUser.actor(), clock.instant(),
                clock.instant(), a.accountId());
        UUID id = record(c, districtId, "LINK", a.accountId(), null, a.sourcedId(), Map.of("keep", account), new Long[0], "[]");
        audit.record(districtId, "account.linked", "account", a.accountId(), account, Map.of("sourcedId", a.sourcedId()));
        return id;
    }

    private UUID merge(Connection c, UUID districtId, Action a, int i) throws SQLException {
        if (a.mergeAccountId() == null || a.mergeAccountId().equals(a.accountId())) {
            throw ProblemException.invalid("actions[" + i + "].mergeAccountId", "name a second account to fold into the first");
        }
        JsonNode keep = account(c, districtId, a.accountId(), "actions[" + i + "].accountId");
        JsonNode merged = account(c, districtId, a.mergeAccountId(), "actions[" + i + "].mergeAccountId");
        // Assignments the kept account already has (same product and source) are dropped, and remembered for undo.
        String dropped = json(c, """
                SELECT COALESCE(json_agg(row_to_json(la)), '[]') FROM license_assignment la
                WHERE la.account_id = ? AND EXISTS (SELECT 1 FROM license_assignment k WHERE k.account_id = ?
                      AND k.product_id = la.product_id AND k.source = la.source)""", a.mergeAccountId(), a.accountId());
        Jdbc.update(c, """
                DELETE FROM license_assignment la WHERE la.account_id = ? AND EXISTS (SELECT 1 FROM license_assignment k
                      WHERE k.account_id = ? AND k.product_id = la.product_id AND k.source = la.source)""", a.mergeAccountId(), a.accountId());
        List<Long> moved = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE license_assignment SET account_id = ? WHERE account_id = ? RETURNING id")) {
            Jdbc.bind(ps, a.accountId(), a.mergeAccountId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    moved.add(rs.getLong(1));
                }
            }
        }
        String mergedSourcedId = merged.path("sourced_id").isNull() ? null : merged.path("sourced_id").asText();
        Jdbc.update(c, "UPDATE account SET sourced_id = NULL, active = false, updated_at = ? WHERE id = ?", clock.instant(), a.mergeAccountId());
        if (keep.path("sourced_id").isNull() && mergedSourcedId != null) {
            Jdbc.update(c, "UPDATE account SET sourced_id = ?, match_reason = 'MERGED', match_detail = ?, matched_at = ?, updated_at = ? "
                    + "WHERE id = ?", mergedSourcedId, "took sourcedId " + mergedSourcedId + " from a merged account, by " + currentUser.actor(),
                    clock.instant(), clock.instant(), a.accountId());
        }
        UUID id = record(c, districtId, "MERGE", a.accountId(), a.mergeAccountId(), mergedSourcedId, Map.of("keep", keep, "merged", merged),
                moved.toArray(Long[]::new), dropped);
        audit.record(districtId, "account.merged", "account", a.accountId(), Map.of("keep", keep, "merged", merged),
                Map.of("moved", moved.size(), "mergedAccountId", a.mergeAccountId().toString()));
        return id;
    }

    /** Puts both accounts and their assignments back as they were before the link or merge. */
    public MergeView undo(UUID districtId, UUID mergeId) {
        try (Connection c = dataSource.getConnection()) {
            String kind;
            JsonNode before;
            UUID keepId;
            UUID mergedId;
            Long[] moved;
            String dropped;
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, before_state::text, keep_account_id, merged_account_id, "
                    + "moved_assignment_ids, deleted_assignments::text, undone_at FROM account_merge WHERE id = ? AND district_id = ? FOR UPDATE")) {
                Jdbc.bind(ps, mergeId, districtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("Account merge " + mergeId);
                    }
                    if (rs.getTimestamp(7) != null) {
                        throw ProblemException.conflict("This " + rs.getString(1).toLowerCase() + " was already undone.");
                    }
                    kind = rs.getString(1);
                    before = objectMapper.readTree(rs.getString(2));
                    keepId = rs.getObject(3, UUID.class);
                    mergedId = rs.getObject(4, UUID.class);
                    moved = (Long[]) rs.getArray(5).getArray();
                    dropped = rs.getString(6);
                }
            }
            // sourcedIds first cleared, then restored, so the unique index never sees two holders.
            Jdbc.update(c, "UPDATE account SET sourced_id = NULL WHERE id = ?", keepId);
            if (mergedId != null) {
                Array ids = c.createArrayOf("bigint", moved);
                try (PreparedStatement ps = c.prepareStatement("UPDATE license_assignment SET account_id = ? WHERE id = ANY (?)")) {
                    ps.setObject(1, mergedId);
                    ps.setArray(2, ids);
                    ps.executeUpdate();
                }
                Jdbc.update(c, """
                        INSERT INTO license_assignment SELECT * FROM json_populate_recordset(NULL::license_assignment, ?::json)""", dropped);
                restoreAccount(c, mergedId, before.get("merged"));
            }
            restoreAccount(c, keepId, before.get("keep"));
            Jdbc.update(c, "UPDATE account_merge SET undone_by = ?, undone_at = ? WHERE id = ?", currentUser.actor(), clock.instant(), mergeId);
            audit.record(districtId, "account." + kind.toLowerCase() + ".undone", "account_merge", mergeId, null, Map.of("kind", kind));
            return view(c, districtId, mergeId);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public PageResult<MergeView> history(UUID districtId, int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            List<MergeView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM account_merge WHERE district_id = ? ORDER BY created_at DESC, id "
                    + "LIMIT ? OFFSET ?")) {
                Jdbc.bind(ps, districtId, size, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(view(c, districtId, rs.getObject(1, UUID.class)));
                    }
                }
            }
            return new PageResult<>(items, page, size, SafetyGate.count(c, "SELECT count(*) FROM account_merge WHERE district_id = ?", districtId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The account's identity as it was before the action: its binding and also the email, login and names, since the
     * syncs after a link make a linked account follow the SIS record it was linked to.
     */
    private static void restoreAccount(Connection c, UUID id, JsonNode before) throws SQLException {
        Jdbc.update(c, "UPDATE account SET sourced_id = ?, active = ?, match_reason = ?, email = ?, login = ?, given_name = ?, "
                        + "family_name = ?, role = ?, sis_identifier = ?, match_detail = ?, matched_at = ?::timestamptz WHERE id = ?",
                text(before, "sourced_id"), before.path("active").asBoolean(), text(before, "match_reason"), text(before, "email"),
                text(before, "login"), before.path("given_name").asText(), before.path("family_name").asText(),
                before.path("role").asText(), text(before, "sis_identifier"), text(before, "match_detail"), text(before, "matched_at"), id);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode() ? null : node.path(field).asText();
    }

    private JsonNode account(Connection c, UUID districtId, UUID id, String field) throws SQLException {
        String row = json(c, "SELECT row_to_json(a) FROM account a WHERE a.id = ? AND a.district_id = ?", id, districtId);
        if (row == null) {
            throw ProblemException.invalid(field, "no account " + id + " in this district");
        }
        try {
            return objectMapper.readTree(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID accountBySourcedId(Connection c, UUID districtId, String sourcedId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM account WHERE district_id = ? AND sourced_id = ?")) {
            Jdbc.bind(ps, districtId, sourcedId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    private UUID record(Connection c, UUID districtId, String kind, UUID keep, UUID merged, String sourcedId, Object before,
                        Long[] moved, String dropped) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO account_merge (id, district_id, kind, keep_account_id, merged_account_id, sourced_id, before_state,
                                           moved_assignment_ids, deleted_assignments, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?)""")) {
            Jdbc.bind(ps, id, districtId, kind, keep, merged, sourcedId, objectMapper.writeValueAsString(before),
                    c.createArrayOf("bigint", moved), dropped, currentUser.actor(), clock.instant());
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static String json(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static MergeView view(Connection c, UUID districtId, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, kind, keep_account_id, merged_account_id, sourced_id, cardinality(moved_assignment_ids),
                       jsonb_array_length(deleted_assignments), created_by, created_at, undone_by, undone_at
                FROM account_merge WHERE id = ? AND district_id = ?""")) {
            Jdbc.bind(ps, id, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new MergeView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8), Jdbc.instant(rs.getTimestamp(9)), rs.getString(10),
                        Jdbc.instant(rs.getTimestamp(11)));
            }
        }
    }
}
