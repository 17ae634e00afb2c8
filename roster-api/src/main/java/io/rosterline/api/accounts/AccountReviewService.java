package io.rosterline.api.accounts;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.district.District;
import io.rosterline.api.safety.AccountMergeService;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The accounts of a district with how each was matched, and the review queue of uncertain matches: accept links the
 * chosen account to the incoming person (kept in the link history, undoable), reject gives the person a new account.
 * Either way the person's licenses follow at the next applied sync.
 */
@ApplicationScoped
@Transactional
public class AccountReviewService {

    @Schema(name = "Account", description = "An account of the licensing store and how the sync matched it to its person: matchReason "
            + "SOURCED_ID, IDENTIFIER (SIS identifier), EMAIL, LOGIN, NEW, LINKED, MERGED, REVIEWED; matchDetail says with what.",
            example = """
                    {"id":"0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b","sourcedId":"stu-000123","givenName":"Ana","familyName":"Lopez",
                     "email":"ana.lopez.123@harbor.k12.example","login":"ana.lopez.123","sisIdentifier":"100123","role":"STUDENT",
                     "origin":"MANUAL","active":true,"matchReason":"IDENTIFIER",
                     "matchDetail":"SIS identifier 100123 matched this account, the only one with it","matchedAt":"2026-11-24T08:12:03Z"}""")
    public record AccountView(UUID id, String sourcedId, String givenName, String familyName, String email, String login,
                              String sisIdentifier, String role, String origin, boolean active, String matchReason, String matchDetail,
                              Instant matchedAt) {
    }

    @Schema(name = "IncomingPerson", description = "The rostered person a review is about, as the SIS sends them.")
    public record Person(String sourcedId, String givenName, String familyName, String email, String username, String identifier,
                         String role) {
    }

    @Schema(name = "AccountReview", description = "An uncertain match waiting for an admin: kind SEVERAL_CANDIDATES, "
            + "CANDIDATE_BOUND_ELSEWHERE or REISSUED_SOURCED_ID (proposed as a link); status OPEN, ACCEPTED, REJECTED or RESOLVED "
            + "(the sync closed it: the person left or got an account otherwise).", example = """
            {"id":"5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f","person":{"sourcedId":"stu-000777","givenName":"Ana","familyName":"Lopez",
             "email":"ana.lopez.777@harbor.k12.example","username":"ana.lopez.777","identifier":"100777","role":"student"},
             "kind":"REISSUED_SOURCED_ID","rule":"EMAIL","matchedValue":"ana.lopez.777@harbor.k12.example",
             "detail":"Same email and name as the account of stu-000123, which is no longer in the roster: probably the same person with a re-issued sourcedId. ...",
             "candidates":[{"id":"0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b","sourcedId":"stu-000123","givenName":"Ana","familyName":"Lopez",
               "email":"ana.lopez.777@harbor.k12.example","login":"ana.lopez.777","sisIdentifier":null,"role":"STUDENT","origin":"ROSTERED",
               "active":false,"matchReason":"NEW","matchDetail":"a new account: no existing account matched","matchedAt":"2026-09-01T08:00:00Z"}],
             "status":"OPEN","createdAt":"2026-11-24T08:12:03Z","decidedBy":null,"decidedAt":null,"accountId":null,"note":null}""")
    public record ReviewView(UUID id, Person person, String kind, String rule, String matchedValue, String detail,
                             List<AccountView> candidates, String status, Instant createdAt, String decidedBy, Instant decidedAt,
                             UUID accountId, String note) {
    }

    @Schema(name = "AccountReviewAccept", description = "Which candidate account is this person's; may be left out when there is one.",
            example = "{\"accountId\":\"0b7c2f4e-1a3d-4e5f-8a9b-0c1d2e3f4a5b\"}")
    public record Accept(UUID accountId) {
    }

    static final String ACCOUNT_COLUMNS = "a.id, a.sourced_id, a.given_name, a.family_name, a.email, a.login, a.sis_identifier, a.role, "
            + "a.origin, a.active, a.match_reason, a.match_detail, a.matched_at";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    Clock clock;
    @Inject
    AccountMergeService merges;

    public PageResult<AccountView> accounts(UUID districtId, String matchReason, String query, int page, int size) {
        District.require(districtId);
        String where = " FROM account a WHERE a.district_id = ? AND (?::text IS NULL OR a.match_reason = ?) AND (?::text IS NULL OR "
                + "lower(a.given_name || ' ' || a.family_name || ' ' || COALESCE(a.email, '') || ' ' || COALESCE(a.login, '') || ' ' "
                + "|| COALESCE(a.sourced_id, '') || ' ' || COALESCE(a.sis_identifier, '')) LIKE '%' || lower(?) || '%')";
        try (Connection c = dataSource.getConnection()) {
            List<AccountView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + where
                    + " ORDER BY a.family_name, a.given_name, a.id LIMIT ? OFFSET ?")) {
                Jdbc.bind(ps, districtId, matchReason, matchReason, query, query, size, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(account(rs));
                    }
                }
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + where)) {
                Jdbc.bind(ps, districtId, matchReason, matchReason, query, query);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new PageResult<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public PageResult<ReviewView> reviews(UUID districtId, String status, int page, int size) {
        District.require(districtId);
        try (Connection c = dataSource.getConnection()) {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM account_match_review WHERE district_id = ? "
                    + "AND (?::text IS NULL OR status = ?) ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                Jdbc.bind(ps, districtId, status, status, size, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            List<ReviewView> items = new ArrayList<>();
            for (UUID id : ids) {
                items.add(view(c, districtId, id));
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM account_match_review WHERE district_id = ? "
                    + "AND (?::text IS NULL OR status = ?)")) {
                Jdbc.bind(ps, districtId, status, status);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            return new PageResult<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chosen candidate becomes the person's account: a LINK of the link history (undoable), match reason REVIEWED. */
    public ReviewView accept(UUID districtId, UUID reviewId, Accept request) {
        try (Connection c = dataSource.getConnection()) {
            ReviewView review = requireOpen(c, districtId, reviewId);
            UUID chosen = request == null ? null : request.accountId();
            List<UUID> candidates = review.candidates().stream().map(AccountView::id).toList();
            if (chosen == null) {
                if (candidates.size() != 1) {
                    throw ProblemException.invalid("accountId", "choose one of the " + candidates.size() + " candidate accounts");
                }
                chosen = candidates.get(0);
            } else if (!candidates.contains(chosen)) {
                throw ProblemException.invalid("accountId", "is not one of this review's candidate accounts");
            }
            UUID account = chosen;
            AccountView candidate = review.candidates().stream().filter(a -> a.id().equals(account)).findFirst().orElseThrow();
            if (candidate.sourcedId() != null && SqlCount.of(c, "SELECT count(*) FROM roster_user WHERE district_id = ? AND sourced_id = ? "
                    + "AND status = 'active'", districtId, candidate.sourcedId()) > 0) {
                throw ProblemException.conflict("That account belongs to " + candidate.sourcedId() + ", who is still in the roster; "
                        + "reject this review to give " + review.person().sourcedId() + " an account of their own.");
            }
            merges.perform(districtId, new AccountMergeService.Actions(List.of(
                    new AccountMergeService.Action("LINK", account, review.person().sourcedId(), null))));
            Instant now = clock.instant();
            Jdbc.update(c, "UPDATE account SET match_reason = 'REVIEWED', match_detail = ?, matched_at = ? WHERE id = ?",
                    "accepted by " + currentUser.actor() + " in the account review: " + review.detail(), now, account);
            Jdbc.update(c, "UPDATE account_match_review SET status = 'ACCEPTED', decided_by = ?, decided_at = ?, updated_at = ?, "
                    + "account_id = ? WHERE id = ?", currentUser.actor(), now, now, account, reviewId);
            ReviewView after = view(c, districtId, reviewId);
            audit.record(districtId, "account-review.accepted", "account_match_review", reviewId,
                    Map.of("status", "OPEN", "kind", review.kind()), Map.of("status", "ACCEPTED", "accountId", account.toString(),
                            "sourcedId", review.person().sourcedId()));
            return after;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** None of the candidates: the person gets a new account of their own now. */
    public ReviewView reject(UUID districtId, UUID reviewId) {
        try (Connection c = dataSource.getConnection()) {
            ReviewView review = requireOpen(c, districtId, reviewId);
            Instant now = clock.instant();
            UUID id = UUID.randomUUID();
            int created = Jdbc.update(c, """
                    INSERT INTO account (id, district_id, sourced_id, email, login, sis_identifier, given_name, family_name, role, origin,
                                         match_reason, match_detail, matched_at, active, created_at, updated_at)
                    SELECT ?, u.district_id, u.sourced_id, u.email, u.username, NULLIF(u.identifier, ''), COALESCE(u.given_name, ''),
                           COALESCE(u.family_name, ''), (""" + AccountMatcher.ACCOUNT_ROLE + """
                           ), 'ROSTERED', 'NEW', ?, ?, true, ?, ?
                    FROM roster_user u WHERE u.district_id = ? AND u.sourced_id = ? AND u.status = 'active'
                      AND (""" + AccountMatcher.ACCOUNT_ROLE + ") IS NOT NULL",
                    id, "a new account: " + currentUser.actor() + " rejected the candidates of the account review (" + review.detail() + ")",
                    now, now, now, districtId, review.person().sourcedId());
            if (created == 0) {
                throw ProblemException.conflict(review.person().sourcedId() + " is no longer an active person of the roster; "
                        + "the next sync closes this review.");
            }
            Jdbc.update(c, "UPDATE account_match_review SET status = 'REJECTED', decided_by = ?, decided_at = ?, updated_at = ?, "
                    + "account_id = ? WHERE id = ?", currentUser.actor(), now, now, id, reviewId);
            ReviewView after = view(c, districtId, reviewId);
            audit.record(districtId, "account-review.rejected", "account_match_review", reviewId,
                    Map.of("status", "OPEN", "kind", review.kind()), Map.of("status", "REJECTED", "newAccountId", id.toString(),
                            "sourcedId", review.person().sourcedId()));
            return after;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private ReviewView requireOpen(Connection c, UUID districtId, UUID reviewId) throws SQLException {
        Jdbc.lock(c, "SELECT 1 FROM account_match_review WHERE id = ? AND district_id = ? FOR UPDATE", reviewId, districtId);
        ReviewView review = view(c, districtId, reviewId);
        if (!"OPEN".equals(review.status())) {
            throw ProblemException.conflict("This review is " + review.status().toLowerCase() + "; only an open review can be decided.");
        }
        return review;
    }

    private static ReviewView view(Connection c, UUID districtId, UUID reviewId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.sourced_id, u.given_name, u.family_name, u.email, u.username, u.identifier, u.role, r.kind, r.rule,
                       r.matched_value, r.detail, r.candidate_account_ids, r.status, r.created_at, r.decided_by, r.decided_at,
                       r.account_id, r.note
                FROM account_match_review r
                LEFT JOIN roster_user u ON u.district_id = r.district_id AND u.sourced_id = r.sourced_id
                WHERE r.id = ? AND r.district_id = ?""")) {
            Jdbc.bind(ps, reviewId, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Account review " + reviewId);
                }
                List<UUID> ids = Arrays.asList((UUID[]) rs.getArray(13).getArray());
                Person person = new Person(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8));
                return new ReviewView(rs.getObject(1, UUID.class), person, rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getString(12), candidates(c, ids), rs.getString(14), Jdbc.instant(rs.getTimestamp(15)), rs.getString(16),
                        Jdbc.instant(rs.getTimestamp(17)), rs.getObject(18, UUID.class), rs.getString(19));
            }
        }
    }

    private static List<AccountView> candidates(Connection c, List<UUID> ids) throws SQLException {
        List<AccountView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM account a WHERE a.id = ANY (?) ORDER BY a.id")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
        }
        return out;
    }

    static AccountView account(ResultSet rs) throws SQLException {
        return new AccountView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10), rs.getString(11),
                rs.getString(12), Jdbc.instant(rs.getTimestamp(13)));
    }

    /** One count, for the checks above. */
    static final class SqlCount {
        static long of(Connection c, String sql, Object... params) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private SqlCount() {
        }
    }
}
