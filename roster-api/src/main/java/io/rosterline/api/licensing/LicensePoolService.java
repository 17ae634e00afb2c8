package io.rosterline.api.licensing;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.licensing.LicensingDtos.Edition;
import io.rosterline.api.licensing.LicensingDtos.PoolMode;
import io.rosterline.api.licensing.LicensingDtos.PoolView;
import io.rosterline.api.licensing.LicensingDtos.PoolWrite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** A district's license pools: seats bought per product and period; seats used are counted from license_assignment. */
@ApplicationScoped
@Transactional
public class LicensePoolService {

    /** Today is passed as the first parameter so that coversToday follows the injected clock. */
    private static final String SELECT = """
            SELECT lp.id, lp.product_id, p.sku, p.title, p.edition, lp.seats, lp.start_date, lp.end_date, lp.purchase_order, lp.mode,
                   lp.created_at, lp.updated_at, (lp.start_date <= ?::date AND lp.end_date >= ?::date) AS covers_today,
                   (SELECT count(*) FROM license_assignment la WHERE la.pool_id = lp.id) AS seats_used
            FROM license_pool lp JOIN product p ON p.id = lp.product_id
            """;

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;
    @Inject
    ProductService products;
    @Inject
    Clock clock;

    public List<PoolView> list(UUID districtId) {
        District district = District.require(districtId);
        LocalDate today = today(district);
        return sql.list(SELECT + " WHERE lp.district_id = ? ORDER BY lower(p.title), lp.start_date, lp.id",
                LicensePoolService::view, today, today, districtId);
    }

    public PoolView get(UUID districtId, UUID poolId) {
        District district = District.require(districtId);
        LocalDate today = today(district);
        return sql.one(SELECT + " WHERE lp.district_id = ? AND lp.id = ?", LicensePoolService::view, today, today, districtId, poolId)
                .orElseThrow(() -> ProblemException.notFound("License pool " + poolId));
    }

    public PoolView create(UUID districtId, PoolWrite request) {
        District.require(districtId);
        validate(request);
        UUID id = UUID.randomUUID();
        sql.update("""
                INSERT INTO license_pool (id, district_id, product_id, seats, start_date, end_date, purchase_order, mode)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                id, districtId, request.productId(), request.seats(), request.startDate(), request.endDate(),
                blankToNull(request.purchaseOrder()), request.mode());
        PoolView created = get(districtId, id);
        audit.record(districtId, "license-pool.created", "license_pool", id, null, created);
        return created;
    }

    public PoolView update(UUID districtId, UUID poolId, PoolWrite request) {
        PoolView before = get(districtId, poolId);
        validate(request);
        if (!before.productId().equals(request.productId()) && before.seatsUsed() > 0) {
            throw ProblemException.invalid("productId", before.seatsUsed() + " licenses of " + before.productTitle()
                    + " are assigned from this pool; the product cannot change while they are");
        }
        if (request.seats() < before.seatsUsed()) {
            throw ProblemException.invalid("seats", before.seatsUsed() + " seats are in use; enter at least " + before.seatsUsed());
        }
        sql.update("""
                UPDATE license_pool SET product_id = ?, seats = ?, start_date = ?, end_date = ?, purchase_order = ?, mode = ?,
                       updated_at = now(), version = version + 1
                WHERE district_id = ? AND id = ?""",
                request.productId(), request.seats(), request.startDate(), request.endDate(), blankToNull(request.purchaseOrder()),
                request.mode(), districtId, poolId);
        PoolView after = get(districtId, poolId);
        audit.record(districtId, "license-pool.updated", "license_pool", poolId, before, after);
        return after;
    }

    public void delete(UUID districtId, UUID poolId) {
        PoolView before = get(districtId, poolId);
        if (before.seatsUsed() > 0) {
            throw ProblemException.conflict(before.seatsUsed() + " licenses are assigned from this pool; remove them or "
                    + "lower the pool's use before deleting it.");
        }
        sql.update("DELETE FROM license_pool WHERE district_id = ? AND id = ?", districtId, poolId);
        audit.record(districtId, "license-pool.deleted", "license_pool", poolId, before, null);
    }

    LocalDate today(District district) {
        return LocalDate.now(clock.withZone(ZoneId.of(district.timezone)));
    }

    private void validate(PoolWrite request) {
        products.requireActive("productId", request.productId());
        if (request.endDate().isBefore(request.startDate())) {
            throw ProblemException.invalid("endDate", "must be on or after the start date " + request.startDate());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static PoolView view(ResultSet rs) throws SQLException {
        int seats = rs.getInt("seats");
        long used = rs.getLong("seats_used");
        return new PoolView(SqlRunner.uuid(rs, "id"), SqlRunner.uuid(rs, "product_id"), rs.getString("sku"), rs.getString("title"),
                Edition.valueOf(rs.getString("edition")), seats, used, Math.max(0, seats - used),
                SqlRunner.date(rs, "start_date"), SqlRunner.date(rs, "end_date"), rs.getString("purchase_order"),
                PoolMode.valueOf(rs.getString("mode")), rs.getBoolean("covers_today"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
