package io.rosterline.api.licensing;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.licensing.LicensingDtos.Edition;
import io.rosterline.api.licensing.LicensingDtos.ProductView;
import io.rosterline.api.licensing.StickyDtos.AccountSummary;
import io.rosterline.api.licensing.StickyDtos.NewAccount;
import io.rosterline.api.licensing.StickyDtos.StickyCreate;
import io.rosterline.api.licensing.StickyDtos.StickyView;
import io.rosterline.api.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sticky licenses: license_assignment rows with source STICKY. The sync replaces only ROSTERED rows, so these survive
 * it, and they occupy seats like any other assignment.
 */
@ApplicationScoped
@Transactional
public class StickyLicenseService {

    private static final String ACCOUNT_COLUMNS = "a.id, a.sourced_id, a.given_name, a.family_name, a.email, a.login, a.role, a.origin";
    private static final String SELECT = "SELECT la.id AS assignment_id, " + ACCOUNT_COLUMNS + """
            , la.product_id, p.title AS product_title, p.edition, la.pool_id, la.note, la.assigned_at, la.assigned_by
            FROM license_assignment la
            JOIN account a ON a.id = la.account_id
            JOIN product p ON p.id = la.product_id
            WHERE la.source = 'STICKY' AND la.district_id = ?""";

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;
    @Inject
    ProductService products;
    @Inject
    LicensePoolService pools;
    @Inject
    SsoFormatService ssoFormat;
    @Inject
    CurrentUser currentUser;

    private record Pool(UUID id, int seats) {
    }

    public List<StickyView> list(UUID districtId) {
        District.require(districtId);
        return sql.list(SELECT + " ORDER BY lower(a.family_name), lower(a.given_name), lower(p.title), la.id",
                StickyLicenseService::view, districtId);
    }

    /** Rostered staff a sticky license can be given to, searchable by name, email or login. */
    public PageResult<AccountSummary> rosteredStaff(UUID districtId, String search, int page, int size) {
        District.require(districtId);
        StringBuilder where = new StringBuilder(" FROM account a WHERE a.district_id = ? AND a.origin = 'ROSTERED' AND a.active "
                + "AND a.role IN ('TEACHER', 'ADMINISTRATOR', 'AIDE')");
        List<Object> params = new ArrayList<>(List.of(districtId));
        if (search != null && !search.isBlank()) {
            String like = "%" + search.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (lower(a.given_name || ' ' || a.family_name) LIKE ? OR lower(coalesce(a.email, '')) LIKE ? "
                    + "OR lower(coalesce(a.login, '')) LIKE ?)");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        long total = sql.count("SELECT count(*)" + where, params.toArray());
        params.add(size);
        params.add((long) page * size);
        List<AccountSummary> items = sql.list("SELECT " + ACCOUNT_COLUMNS + where
                + " ORDER BY lower(a.family_name), lower(a.given_name), a.id LIMIT ? OFFSET ?", StickyLicenseService::account, params.toArray());
        return new PageResult<>(items, page, size, total);
    }

    public List<StickyView> create(UUID districtId, StickyCreate request) {
        District district = District.require(districtId);
        if ((request.accountId() == null) == (request.account() == null)) {
            throw ProblemException.invalid("accountId", "pick a rostered teacher (accountId) or enter an account, one of the two");
        }
        LocalDate today = pools.today(district);
        List<ProductView> chosen = chooseProducts(districtId, request.productIds(), today);
        AccountSummary account = request.accountId() != null
                ? rosteredAccount(districtId, request.accountId())
                : manualAccount(districtId, request.account());
        String note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
        List<Long> created = new ArrayList<>();
        for (ProductView product : chosen) {
            if (sql.count("SELECT count(*) FROM license_assignment WHERE district_id = ? AND account_id = ? AND product_id = ? "
                    + "AND source = 'STICKY'", districtId, account.id(), product.id()) > 0) {
                throw ProblemException.conflict(account.givenName() + " " + account.familyName() + " already holds a sticky "
                        + product.title() + " license.");
            }
            Pool pool = poolWithSeat(districtId, product, today);
            created.add(sql.one("""
                    INSERT INTO license_assignment (district_id, account_id, product_id, pool_id, source, note, assigned_by)
                    VALUES (?, ?, ?, ?, 'STICKY', ?, ?) RETURNING id""",
                    rs -> rs.getLong(1), districtId, account.id(), product.id(), pool.id(), note, currentUser.actor()).orElseThrow());
        }
        List<StickyView> views = sql.list(SELECT + " AND la.id = ANY(?::bigint[]) ORDER BY la.id", StickyLicenseService::view,
                districtId, created.stream().map(String::valueOf).toArray(String[]::new));
        for (StickyView view : views) {
            audit.record(districtId, "sticky-license.created", "license_assignment", view.id(), null, view);
        }
        return views;
    }

    public void delete(UUID districtId, String assignmentId) {
        District.require(districtId);
        long id;
        try {
            id = Long.parseLong(assignmentId);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Sticky license " + assignmentId);
        }
        StickyView before = sql.one(SELECT + " AND la.id = ?", StickyLicenseService::view, districtId, id)
                .orElseThrow(() -> ProblemException.notFound("Sticky license " + assignmentId));
        sql.update("DELETE FROM license_assignment WHERE id = ? AND district_id = ? AND source = 'STICKY'", id, districtId);
        audit.record(districtId, "sticky-license.deleted", "license_assignment", id, before, null);
    }

    private List<ProductView> chooseProducts(UUID districtId, List<UUID> productIds, LocalDate today) {
        if (productIds != null && !productIds.isEmpty()) {
            return products.requireActive("productIds", productIds);
        }
        // Teacher edition by default: every active teacher-edition product the district has a pool for today.
        List<ProductView> teacherEditions = sql.list("SELECT " + ProductService.COLUMNS + " FROM product p WHERE p.active AND p.edition = ? "
                + "AND EXISTS (SELECT 1 FROM license_pool lp WHERE lp.district_id = ? AND lp.product_id = p.id "
                + "AND lp.start_date <= ?::date AND lp.end_date >= ?::date) ORDER BY lower(p.title)",
                ProductService::view, Edition.TEACHER, districtId, today, today);
        if (teacherEditions.isEmpty()) {
            throw ProblemException.invalid("productIds", "no teacher-edition license pool covers today; choose the products");
        }
        return teacherEditions;
    }

    /** Locks the product's pools covering today, then counts their seats, so two requests cannot take the last seat twice. */
    private Pool poolWithSeat(UUID districtId, ProductView product, LocalDate today) {
        List<Pool> candidates = sql.list("""
                SELECT id, seats FROM license_pool
                WHERE district_id = ? AND product_id = ? AND start_date <= ?::date AND end_date >= ?::date
                ORDER BY end_date DESC, id FOR UPDATE""",
                rs -> new Pool(SqlRunner.uuid(rs, "id"), rs.getInt("seats")), districtId, product.id(), today, today);
        if (candidates.isEmpty()) {
            throw ProblemException.conflict("There is no license pool for " + product.title() + " covering today; add one first.");
        }
        long seats = 0;
        long used = 0;
        for (Pool pool : candidates) {
            long inUse = sql.count("SELECT count(*) FROM license_assignment WHERE pool_id = ?", pool.id());
            if (inUse < pool.seats()) {
                return pool;
            }
            seats += pool.seats();
            used += inUse;
        }
        throw ProblemException.conflict("No seat left for " + product.title() + ": " + used + " of " + seats
                + " seats covering today are in use.");
    }

    private AccountSummary rosteredAccount(UUID districtId, UUID accountId) {
        AccountSummary account = sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM account a WHERE a.district_id = ? AND a.id = ?",
                StickyLicenseService::account, districtId, accountId)
                .orElseThrow(() -> ProblemException.invalid("accountId", "no account of this district has the id " + accountId));
        if (!"ROSTERED".equals(account.origin())) {
            throw ProblemException.invalid("accountId", "is not a rostered account; enter the person as a new account instead");
        }
        if ("STUDENT".equals(account.role())) {
            throw ProblemException.invalid("accountId", account.givenName() + " " + account.familyName()
                    + " is a student; sticky licenses are for teachers and staff");
        }
        return account;
    }

    private AccountSummary manualAccount(UUID districtId, NewAccount input) {
        String email = input.email().trim();
        String login = input.login().trim();
        ssoFormat.check(districtId, "account.email", email, "account.login", login);
        if (sql.count("SELECT count(*) FROM account WHERE district_id = ? AND lower(email) = lower(?)", districtId, email) > 0) {
            throw ProblemException.invalid("account.email", "already belongs to an account of this district; pick that account instead");
        }
        if (sql.count("SELECT count(*) FROM account WHERE district_id = ? AND lower(login) = lower(?)", districtId, login) > 0) {
            throw ProblemException.invalid("account.login", "already belongs to an account of this district; pick that account instead");
        }
        UUID id = UUID.randomUUID();
        sql.update("""
                INSERT INTO account (id, district_id, email, login, given_name, family_name, role, origin, match_reason)
                VALUES (?, ?, ?, ?, ?, ?, 'TEACHER', 'MANUAL', NULL)""",
                id, districtId, email, login, input.givenName().trim(), input.familyName().trim());
        AccountSummary account = sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM account a WHERE a.id = ?", StickyLicenseService::account, id)
                .orElseThrow();
        audit.record(districtId, "account.created", "account", id, null, account);
        return account;
    }

    private static AccountSummary account(ResultSet rs) throws SQLException {
        return new AccountSummary(SqlRunner.uuid(rs, "id"), rs.getString("sourced_id"), rs.getString("given_name"),
                rs.getString("family_name"), rs.getString("email"), rs.getString("login"), rs.getString("role"), rs.getString("origin"));
    }

    private static StickyView view(ResultSet rs) throws SQLException {
        return new StickyView(rs.getLong("assignment_id"), account(rs), SqlRunner.uuid(rs, "product_id"), rs.getString("product_title"),
                Edition.valueOf(rs.getString("edition")), SqlRunner.uuid(rs, "pool_id"), rs.getString("note"),
                rs.getObject("assigned_at", OffsetDateTime.class).toInstant(), rs.getString("assigned_by"));
    }
}
