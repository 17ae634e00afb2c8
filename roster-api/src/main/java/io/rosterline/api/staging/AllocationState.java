package io.rosterline.api.staging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.api.staging.ApplyEngine.ProductLine;
import io.rosterline.api.staging.ApplyEngine.Report;
import io.rosterline.api.sync.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The district's last computed allocation (V67), for {@link ApplyEngine}: when nothing the allocation reads has changed
 * since, recomputing it would give the same assignments, so the apply keeps them and reports them unchanged instead of
 * re-ranking every enrollment of the district.
 *
 * <p>"Nothing changed" is decided by a fingerprint of the allocation_change log (statement-level triggers on the
 * roster, accounts, terms, course licenses, pools, assignments, safety settings and products) and by the district's
 * today: the allocation compares class end dates, pool dates, assignment end dates and grace periods with today, so a
 * later day reuses it only when none of those dates lies between the two days.
 */
final class AllocationState {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The allocation_change rows this transaction can see: committed ones and its own. */
    record Fingerprint(long count, long sum, long ownCount, long ownSum) {

        /** The fingerprint after the apply: what it read, plus what it wrote itself since (not others' commits meanwhile). */
        String afterOwnWrites(Fingerprint now) {
            return (count + now.ownCount - ownCount) + ":" + (sum + now.ownSum - ownSum);
        }

        String text() {
            return count + ":" + sum;
        }
    }

    private AllocationState() {
    }

    static Fingerprint fingerprint(Connection c, UUID districtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), COALESCE(sum(id), 0),
                       count(*) FILTER (WHERE xid = pg_current_xact_id()), COALESCE(sum(id) FILTER (WHERE xid = pg_current_xact_id()), 0)
                FROM allocation_change WHERE district_id = ? OR district_id IS NULL""")) {
            ps.setObject(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Fingerprint(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /**
     * The report of an unchanged allocation, or null when it must be computed: nothing logged since it was computed,
     * its lists hold at least {@code listLimit} people, and no date it compares with today was crossed.
     */
    static Report reuse(Connection c, UUID districtId, Fingerprint fingerprint, LocalDate today, int listLimit,
                        Map<String, Long> accounts) throws SQLException {
        String storedReport;
        LocalDate computedFor;
        UUID computedBy;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT report::text, computed_for, run_id FROM allocation_state WHERE district_id = ? AND fingerprint = ? AND list_limit >= ?")) {
            Jdbc.bind(ps, districtId, fingerprint.text(), listLimit);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                storedReport = rs.getString(1);
                computedFor = rs.getObject(2, LocalDate.class);
                computedBy = rs.getObject(3, UUID.class);
            }
        }
        if (today.isBefore(computedFor) || (today.isAfter(computedFor) && datesCrossed(c, districtId, computedFor, today))) {
            return null;
        }
        if (today.isAfter(computedFor)) {
            Jdbc.update(c, "UPDATE allocation_state SET computed_for = ? WHERE district_id = ?", today, districtId);
        }
        Report last;
        try {
            last = JSON.readValue(storedReport, Report.class);
        } catch (JsonProcessingException e) {
            return null; // a report this version cannot read: compute anew
        }
        // The state after the last computation, with nothing gained, lost or entering or leaving a grace period now.
        List<ProductLine> products = last.products().stream().map(p -> new ProductLine(p.productId(), p.sku(), p.title(),
                p.edition(), p.needed(), p.seatsAvailable(), p.assigned(), p.unseated(), 0, 0, p.pools())).toList();
        Map<String, Long> grace = new LinkedHashMap<>();
        grace.put("days", last.grace() == null ? 0L : last.grace().getOrDefault("days", 0L));
        grace.put("started", 0L);
        grace.put("restored", 0L);
        grace.put("expired", 0L);
        return new Report(accounts, products, 0, List.of(), 0, List.of(), last.unseatedTotal(),
                last.unseated().stream().limit(listLimit).toList(), last.allocationOrder(), grace,
                last.unchangedSince() != null ? last.unchangedSince() : computedBy);
    }

    /** Remembers the allocation this apply computed, with the fingerprint of what it read plus its own writes. */
    static void store(Connection c, UUID districtId, UUID runId, Fingerprint read, LocalDate today, int listLimit, Report report,
                      Instant now) throws SQLException {
        String json;
        try {
            json = JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Jdbc.update(c, """
                INSERT INTO allocation_state (district_id, fingerprint, computed_for, list_limit, report, run_id, computed_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (district_id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, computed_for = EXCLUDED.computed_for,
                    list_limit = EXCLUDED.list_limit, report = EXCLUDED.report, run_id = EXCLUDED.run_id, computed_at = EXCLUDED.computed_at""",
                districtId, read.afterOwnWrites(fingerprint(c, districtId)), today, listLimit, json, runId, now);
    }

    /**
     * Whether a date the allocation compares with today lies in [from, to): a class's access ends (its last term's end
     * or freeze date), a rostered pool starts or ends, an assignment's access or grace period ends.
     */
    private static boolean datesCrossed(Connection c, UUID districtId, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM (""" + ApplyEngine.CLASS_ACCESS_DATES + ") k " + """
                               WHERE k.effective_end >= ? AND k.effective_end < ?)
                    OR EXISTS (SELECT 1 FROM license_pool lp WHERE lp.district_id = ? AND lp.mode = 'ROSTERED'
                                 AND ((lp.start_date > ? AND lp.start_date <= ?) OR (lp.end_date >= ? AND lp.end_date < ?)))
                    OR EXISTS (SELECT 1 FROM license_assignment la WHERE la.district_id = ?
                                 AND ((la.effective_end >= ? AND la.effective_end < ?) OR (la.grace_until >= ? AND la.grace_until < ?)))""")) {
            Jdbc.bind(ps, districtId, from, to, districtId, from, to, from, to, districtId, from, to, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
