package io.rosterline.api.staging;

import io.rosterline.api.accounts.AccountMatcher;
import io.rosterline.api.sync.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies a run in the caller's ONE transaction: the staged differences become the current roster, rostered people
 * become accounts, and ROSTERED license assignments are replaced set-based (INSERT ... SELECT, DELETE ... WHERE NOT
 * EXISTS). STICKY and MANUAL assignments are never touched and still occupy their seats. Seats are never exceeded:
 * within a product, people are ranked by {@link #ALLOCATION_ORDER} and filled into the ROSTERED pools in pool order;
 * whoever ranks past the last free seat gets none and is reported.
 *
 * <p>Grace period: when the district keeps removed licenses for {@code license_grace_days} (safety settings, default 0),
 * a ROSTERED assignment whose person is no longer enrolled in a licensed course is not deleted but kept with
 * {@code grace_until = today + days}: it stays usable and <b>keeps its seat</b> until then ({@link #GRACE_SEATS}), so
 * seats are never promised twice; it ends by itself once the district's today passes grace_until (this apply deletes it,
 * and so does {@code GraceExpiry} between runs); re-enrollment before that makes it a plain rostered assignment again.
 * A license lost for want of a seat, or whose term already ended, gets no grace.
 *
 * <p>The review plan is the same computation in a transaction that is rolled back, so plan and apply cannot disagree.
 */
public final class ApplyEngine {

    public static final String ALLOCATION_ORDER =
            "teachers first, then people who already hold the license, then earliest enrollment begin date, then sourcedId";
    public static final String GRACE_SEATS = "a license in its grace period keeps its seat until the grace period ends";

    public record Person(String sourcedId, String name, String role, String sku, UUID poolId, String reason) {
    }

    public record PoolLine(UUID poolId, int seats, long heldBySticky, long heldByManual, long heldInGrace, long free, long assigned) {
    }

    public record ProductLine(UUID productId, String sku, String title, String edition, long needed, long seatsAvailable,
                              long assigned, long unseated, long gains, long losses, List<PoolLine> pools) {
    }

    /**
     * grace: started (removed licenses kept usable until grace_until), restored (re-enrolled inside their grace period),
     * expired (grace ended, deleted now), days (the district's grace period). unchangedSince: set when nothing the
     * allocation reads changed since that run's apply computed it, so the assignments were kept as they are (no gains,
     * no losses; products, pools and who has no seat as they stood then); null when it was computed now.
     */
    public record Report(Map<String, Long> accounts, List<ProductLine> products, long gainsTotal, List<Person> gains,
                         long lossesTotal, List<Person> losses, long unseatedTotal, List<Person> unseated,
                         String allocationOrder, Map<String, Long> grace, UUID unchangedSince) {
        public Report(Map<String, Long> accounts, List<ProductLine> products, long gainsTotal, List<Person> gains, long lossesTotal,
                      List<Person> losses, long unseatedTotal, List<Person> unseated, String allocationOrder) {
            this(accounts, products, gainsTotal, gains, lossesTotal, losses, unseatedTotal, unseated, allocationOrder, Map.of(), null);
        }

        /** The same without the people lists, for the run history. */
        public Report summary(int keep) {
            return new Report(accounts, products, gainsTotal, gains.stream().limit(keep).toList(), lossesTotal,
                    losses.stream().limit(keep).toList(), unseatedTotal, unseated.stream().limit(keep).toList(), allocationOrder, grace,
                    unchangedSince);
        }
    }

    /** The district's grace period in days (0 when it never set one). */
    public static int graceDays(Connection c, UUID districtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT license_grace_days FROM safety_settings WHERE district_id = ?")) {
            ps.setObject(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private ApplyEngine() {
    }

    public static Report apply(Connection c, UUID districtId, UUID runId, LocalDate today, Instant now, String actor,
                               List<String> matchOrder, int listLimit) throws SQLException {
        // One apply per district at a time; pools are locked so seat counts cannot move underneath us.
        Jdbc.lock(c, "SELECT 1 FROM district WHERE id = ? FOR UPDATE", districtId);
        // The allocation hashes and sorts every enrollment of the district: give this transaction's joins room in
        // memory instead of spilling to disk (PostgreSQL's default is 4 MB per operation).
        Jdbc.update(c, "SET LOCAL work_mem = '64MB'");
        Jdbc.lock(c, "SELECT 1 FROM license_pool WHERE district_id = ? FOR UPDATE", districtId);
        if (runId != null) {
            promote(c, districtId, runId);
        }
        Map<String, Long> accounts = AccountMatcher.match(c, districtId, matchOrder, now);
        int graceDays = graceDays(c, districtId);
        LocalDate graceUntil = today.plusDays(graceDays);
        AllocationState.Fingerprint read = AllocationState.fingerprint(c, districtId);
        Report unchanged = AllocationState.reuse(c, districtId, read, today, listLimit, accounts);
        if (unchanged != null) {
            return unchanged;
        }
        buildAllocation(c, districtId, today, graceDays);
        List<ProductLine> products = productLines(c, districtId);
        long gainsTotal = count(c, "SELECT count(*) FROM apply_alloc x WHERE x.pool_id IS NOT NULL AND NOT EXISTS ("
                + "SELECT 1 FROM license_assignment la WHERE la.district_id = ? AND la.account_id = x.account_id "
                + "AND la.product_id = x.product_id AND la.source = 'ROSTERED')", districtId);
        List<Person> gains = people(c, """
                SELECT a.sourced_id, a.given_name || ' ' || a.family_name, a.role, p.sku, x.pool_id, 'enrolled in a licensed course'
                FROM apply_alloc x JOIN account a ON a.id = x.account_id JOIN product p ON p.id = x.product_id
                WHERE x.pool_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM license_assignment la WHERE la.district_id = ?
                      AND la.account_id = x.account_id AND la.product_id = x.product_id AND la.source = 'ROSTERED')
                ORDER BY p.sku, a.sourced_id LIMIT ?""", districtId, listLimit);
        // Losses: assignments that stop being plain rostered ones now. Those already in their grace period changed earlier.
        String lostWhere = """
                FROM license_assignment la JOIN account a ON a.id = la.account_id JOIN product p ON p.id = la.product_id
                LEFT JOIN apply_alloc x ON x.account_id = la.account_id AND x.product_id = la.product_id
                WHERE la.district_id = ? AND la.source = 'ROSTERED' AND x.pool_id IS NULL AND la.grace_until IS NULL""";
        long lossesTotal = count(c, "SELECT count(*) " + lostWhere, districtId);
        List<Person> losses = people(c, "SELECT a.sourced_id, a.given_name || ' ' || a.family_name, a.role, p.sku, la.pool_id, "
                + "CASE WHEN x.account_id IS NOT NULL THEN 'no seat left' "
                + "WHEN " + ENTERS_GRACE + " THEN 'no longer enrolled in a licensed course; usable in its grace period until ' || ?::date "
                + "ELSE 'no longer enrolled in a licensed course' END "
                + lostWhere + " ORDER BY p.sku, a.sourced_id LIMIT ?", graceDays, today, graceUntil, districtId, listLimit);
        long unseatedTotal = count(c, "SELECT count(*) FROM apply_alloc WHERE pool_id IS NULL");
        List<Person> unseated = people(c, """
                SELECT a.sourced_id, a.given_name || ' ' || a.family_name, a.role, p.sku, NULL::uuid,
                       CASE WHEN x.product_has_pool THEN 'all seats are taken' ELSE 'the district has no current rostered pool for this product' END
                FROM apply_alloc x JOIN account a ON a.id = x.account_id JOIN product p ON p.id = x.product_id
                WHERE x.pool_id IS NULL ORDER BY p.sku, x.rank LIMIT ?""", listLimit);
        Map<String, Long> grace = new LinkedHashMap<>();
        grace.put("days", (long) graceDays);
        grace.put("started", count(c, "SELECT count(*) FROM license_assignment la WHERE la.district_id = ? AND la.source = 'ROSTERED' "
                + "AND la.grace_until IS NULL AND " + ENTERS_GRACE + " AND NOT EXISTS (SELECT 1 FROM apply_alloc x "
                + "WHERE x.account_id = la.account_id AND x.product_id = la.product_id)", districtId, graceDays, today));
        grace.put("restored", count(c, "SELECT count(*) FROM license_assignment la JOIN apply_alloc x ON x.account_id = la.account_id "
                + "AND x.product_id = la.product_id AND x.pool_id IS NOT NULL WHERE la.district_id = ? AND la.source = 'ROSTERED' "
                + "AND la.grace_until IS NOT NULL", districtId));
        grace.put("expired", count(c, "SELECT count(*) FROM license_assignment la WHERE la.district_id = ? AND la.source = 'ROSTERED' "
                + "AND la.grace_until < ? AND NOT EXISTS (SELECT 1 FROM apply_alloc x WHERE x.account_id = la.account_id "
                + "AND x.product_id = la.product_id AND x.pool_id IS NOT NULL)", districtId, today));

        // The replacement itself: set-based statements. Removed: whatever is neither wanted with a seat, nor kept in grace.
        long assignmentsChanged = Jdbc.update(c, """
                DELETE FROM license_assignment la WHERE la.district_id = ? AND la.source = 'ROSTERED'
                  AND NOT EXISTS (SELECT 1 FROM apply_alloc x WHERE x.account_id = la.account_id AND x.product_id = la.product_id
                                  AND x.pool_id IS NOT NULL)
                  AND NOT (""" + IN_GRACE_AFTER + ")", districtId, graceDays, today, today);
        // Removed by the roster but still usable: kept, in grace until today + days.
        Jdbc.update(c, "UPDATE license_assignment la SET grace_until = ?, grace_since = ? WHERE la.district_id = ? AND la.source = 'ROSTERED' "
                + "AND la.grace_until IS NULL AND " + ENTERS_GRACE + " AND NOT EXISTS (SELECT 1 FROM apply_alloc x "
                + "WHERE x.account_id = la.account_id AND x.product_id = la.product_id)", graceUntil, now, districtId, graceDays, today);
        // Wanted with a seat: inserted, updated, or back from grace as a plain rostered assignment.
        assignmentsChanged += Jdbc.update(c, """
                INSERT INTO license_assignment (district_id, account_id, product_id, pool_id, source, effective_start, effective_end,
                                                assigned_at, assigned_by)
                SELECT ?, x.account_id, x.product_id, x.pool_id, 'ROSTERED', x.effective_start, x.effective_end, ?, ?
                FROM apply_alloc x WHERE x.pool_id IS NOT NULL
                ON CONFLICT (district_id, account_id, product_id, source) DO UPDATE
                  SET pool_id = EXCLUDED.pool_id, effective_start = EXCLUDED.effective_start, effective_end = EXCLUDED.effective_end,
                      grace_until = NULL, grace_since = NULL
                  WHERE (license_assignment.pool_id, license_assignment.effective_start, license_assignment.effective_end,
                         license_assignment.grace_until) IS DISTINCT FROM (EXCLUDED.pool_id, EXCLUDED.effective_start, EXCLUDED.effective_end, NULL)""",
                districtId, now, actor);
        Jdbc.analyzeIfChanged(c, "license_assignment", assignmentsChanged);
        // Belt and braces: the allocation cannot overfill a pool; if it ever did, the whole apply rolls back.
        long overfull = count(c, """
                SELECT count(*) FROM license_pool lp WHERE lp.district_id = ? AND lp.mode = 'ROSTERED'
                  AND (SELECT count(*) FROM license_assignment la WHERE la.pool_id = lp.id AND la.source = 'ROSTERED') >
                      greatest(lp.seats - (SELECT count(*) FROM license_assignment la WHERE la.pool_id = lp.id AND la.source <> 'ROSTERED'), 0)""",
                districtId);
        if (overfull > 0) {
            throw new IllegalStateException("the allocation would exceed the seats of " + overfull + " pool(s)");
        }
        Report report = new Report(accounts, products, gainsTotal, gains, lossesTotal, losses, unseatedTotal, unseated,
                ALLOCATION_ORDER + "; " + GRACE_SEATS, grace, null);
        AllocationState.store(c, districtId, runId, read, today, listLimit, report, now);
        return report;
    }

    /**
     * An assignment (alias la) the roster takes away now that enters its grace period: the district keeps removed
     * licenses (parameter: grace days) and it is still usable (parameter: today). Not for seat losses: callers check
     * that the person is not wanted at all.
     */
    static final String ENTERS_GRACE = "(? > 0 AND (la.effective_end IS NULL OR la.effective_end >= ?))";

    /**
     * An assignment (alias la) not wanted at all that is in its grace period after this apply: it enters it now
     * (parameters: grace days, today) or its grace period has not ended (parameter: today).
     */
    static final String IN_GRACE_AFTER = "NOT EXISTS (SELECT 1 FROM apply_alloc w WHERE w.account_id = la.account_id "
            + "AND w.product_id = la.product_id) AND ((la.grace_until IS NULL AND " + ENTERS_GRACE + ") OR COALESCE(la.grace_until >= ?, false))";

    /**
     * The staged differences become the current roster. The caller holds the district's lock, which every writer of the
     * current roster takes, so a table without rows of the district stays without them until the INSERT: the first
     * sync's rows are plainly inserted (a run stages a sourcedId once), without ON CONFLICT's per-row arbiter check.
     */
    static void promote(Connection c, UUID districtId, UUID runId) throws SQLException {
        for (RosterTable t : RosterTable.values()) {
            boolean first = count(c, "SELECT count(*) FROM (SELECT 1 FROM " + t.current + " WHERE district_id = ? LIMIT 1) x", districtId) == 0;
            long changed = first ? 0 : Jdbc.update(c, "DELETE FROM " + t.current + " r USING " + t.staged + " s WHERE s.run_id = ? "
                    + "AND s.op = 'D' AND r.district_id = ? AND r.sourced_id = s.sourced_id", runId, districtId);
            StringBuilder set = new StringBuilder("hash = EXCLUDED.hash, status = EXCLUDED.status");
            for (RosterTable.Column column : t.columns) {
                set.append(", ").append(column.name()).append(" = EXCLUDED.").append(column.name());
            }
            changed += Jdbc.update(c, "INSERT INTO " + t.current + " (district_id, sourced_id, hash, status, " + t.dataColumns(null) + ") "
                    + "SELECT district_id, sourced_id, hash, status, " + t.dataColumns(null) + " FROM " + t.staged
                    + " WHERE run_id = ? AND op = 'U'" + (first ? "" : " ON CONFLICT (district_id, sourced_id) DO UPDATE SET " + set), runId);
            Jdbc.analyzeIfChanged(c, t.current, changed);
        }
    }

    /**
     * Each active class of the district (parameter) with its access dates from its terms: an admin's override_start
     * opens access early, freeze_end keeps it late. Once per class: joining the terms per enrollment multiplied the
     * million enrollment rows by the terms of their classes. Also what {@link AllocationState} compares with today.
     */
    static final String CLASS_ACCESS_DATES = """
            SELECT k.sourced_id, k.course_sourced_id,
                   min(COALESCE(ss.override_start, rs.start_date, ss.start_date)) AS effective_start,
                   max(COALESCE(ss.freeze_end, rs.end_date, ss.end_date)) AS effective_end
            FROM roster_class k
            LEFT JOIN LATERAL unnest(k.term_sourced_ids) AS term(id) ON true
            LEFT JOIN roster_session rs ON rs.district_id = k.district_id AND rs.sourced_id = term.id
            LEFT JOIN sis_academic_session ss ON ss.district_id = k.district_id AND ss.sourced_id = term.id
            WHERE k.district_id = ? AND k.status = 'active'
            GROUP BY k.sourced_id, k.course_sourced_id""";

    /**
     * apply_alloc: who should hold which product, with effective dates from the class's terms (an admin's
     * override_start opens access early, freeze_end keeps it late), ranked and placed into a pool or none.
     */
    static void buildAllocation(Connection c, UUID districtId, LocalDate today, int graceDays) throws SQLException {
        Jdbc.update(c, """
                CREATE TEMP TABLE apply_want ON COMMIT DROP AS
                WITH class_dates AS (""" + CLASS_ACCESS_DATES + "),\n" + """
                per_person AS (
                    -- Enrollments grouped per person and product first, then joined with people and accounts: one
                    -- account per (district, sourcedId), so this is the same as grouping by account, but the joins
                    -- see one row per person and product instead of a million enrollments (at 1M, 3.5 s -> 1.9 s:
                    -- no index lookup of the account per enrollment, no sort of a million rows).
                    SELECT e.user_sourced_id, cl.product_id, bool_or(lower(e.role) = 'teacher') AS is_teacher,
                           min(e.begin_date) AS enrolled_on,
                           min(k.effective_start) AS effective_start, max(k.effective_end) AS effective_end
                    FROM roster_enrollment e
                    JOIN class_dates k ON k.sourced_id = e.class_sourced_id
                    JOIN course_license cl ON cl.district_id = e.district_id AND cl.course_sourced_id = k.course_sourced_id
                    JOIN product p ON p.id = cl.product_id AND p.active
                         AND p.edition = CASE lower(e.role) WHEN 'teacher' THEN 'TEACHER' WHEN 'student' THEN 'STUDENT' END
                    WHERE e.district_id = ? AND e.status = 'active'
                    GROUP BY e.user_sourced_id, cl.product_id)
                SELECT a.id AS account_id, x.product_id, x.is_teacher, x.enrolled_on, u.sourced_id AS person,
                       x.effective_start, x.effective_end
                FROM per_person x
                JOIN roster_user u ON u.district_id = ? AND u.sourced_id = x.user_sourced_id AND u.status = 'active'
                JOIN account a ON a.district_id = u.district_id AND a.sourced_id = u.sourced_id AND a.active""",
                districtId, districtId, districtId);
        Jdbc.analyze(c, "apply_want");
        // Access that ended (and was not frozen open) needs no seat; whoever holds it as STICKY or MANUAL needs no other.
        Jdbc.update(c, "DELETE FROM apply_want w WHERE w.effective_end < ?", today);
        Jdbc.update(c, """
                DELETE FROM apply_want w WHERE EXISTS (SELECT 1 FROM license_assignment la WHERE la.district_id = ?
                    AND la.account_id = w.account_id AND la.product_id = w.product_id AND la.source IN ('STICKY', 'MANUAL'))""",
                districtId);
        // Free seats: the pool's seats less STICKY and MANUAL assignments and less the ROSTERED ones in their grace period
        // after this apply (their seat stays taken until the grace ends).
        Jdbc.update(c, """
                CREATE TEMP TABLE apply_pool ON COMMIT DROP AS
                SELECT f.*, greatest(f.seats - f.sticky - f.manual - f.grace, 0) AS free,
                       sum(greatest(f.seats - f.sticky - f.manual - f.grace, 0)) OVER (PARTITION BY f.product_id ORDER BY f.start_date, f.pool_id) AS upto
                FROM (SELECT lp.id AS pool_id, lp.product_id, lp.seats, lp.start_date,
                             (SELECT count(*) FROM license_assignment la WHERE la.pool_id = lp.id AND la.source = 'STICKY') AS sticky,
                             (SELECT count(*) FROM license_assignment la WHERE la.pool_id = lp.id AND la.source = 'MANUAL') AS manual,
                             (SELECT count(*) FROM license_assignment la WHERE la.pool_id = lp.id AND la.source = 'ROSTERED'
                                AND NOT EXISTS (SELECT 1 FROM apply_want w WHERE w.account_id = la.account_id AND w.product_id = la.product_id)
                                AND ((la.grace_until IS NULL AND ? > 0 AND (la.effective_end IS NULL OR la.effective_end >= ?))
                                     OR la.grace_until >= ?)) AS grace
                      FROM license_pool lp
                      WHERE lp.district_id = ? AND lp.mode = 'ROSTERED' AND lp.start_date <= ? AND lp.end_date >= ?) f""",
                graceDays, today, today, districtId, today, today);
        Jdbc.update(c, """
                CREATE TEMP TABLE apply_alloc ON COMMIT DROP AS
                WITH ranked AS (
                    SELECT w.*, row_number() OVER (PARTITION BY w.product_id
                               ORDER BY w.is_teacher DESC, (held.id IS NOT NULL) DESC, w.enrolled_on NULLS LAST, w.person) AS rank
                    FROM apply_want w
                    LEFT JOIN license_assignment held ON held.district_id = ? AND held.account_id = w.account_id
                         AND held.product_id = w.product_id AND held.source = 'ROSTERED')
                SELECT r.*, p.pool_id,
                       EXISTS (SELECT 1 FROM apply_pool q WHERE q.product_id = r.product_id) AS product_has_pool
                FROM ranked r
                LEFT JOIN apply_pool p ON p.product_id = r.product_id AND r.rank > p.upto - p.free AND r.rank <= p.upto""",
                districtId);
        Jdbc.update(c, "CREATE INDEX ON apply_alloc (account_id, product_id)");
        Jdbc.update(c, "ANALYZE apply_alloc");
    }

    static List<ProductLine> productLines(Connection c, UUID districtId) throws SQLException {
        List<ProductLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT p.id, p.sku, p.title, p.edition,
                       (SELECT count(*) FROM apply_alloc x WHERE x.product_id = p.id),
                       (SELECT COALESCE(sum(q.free), 0) FROM apply_pool q WHERE q.product_id = p.id),
                       (SELECT count(*) FROM apply_alloc x WHERE x.product_id = p.id AND x.pool_id IS NOT NULL),
                       (SELECT count(*) FROM apply_alloc x WHERE x.product_id = p.id AND x.pool_id IS NULL),
                       (SELECT count(*) FROM apply_alloc x WHERE x.product_id = p.id AND x.pool_id IS NOT NULL AND NOT EXISTS (
                            SELECT 1 FROM license_assignment la WHERE la.district_id = ? AND la.account_id = x.account_id
                              AND la.product_id = x.product_id AND la.source = 'ROSTERED')),
                       (SELECT count(*) FROM license_assignment la LEFT JOIN apply_alloc x ON x.account_id = la.account_id
                              AND x.product_id = la.product_id
                        WHERE la.district_id = ? AND la.product_id = p.id AND la.source = 'ROSTERED' AND x.pool_id IS NULL)
                FROM product p
                WHERE p.id IN (SELECT product_id FROM apply_alloc UNION SELECT product_id FROM apply_pool
                               UNION SELECT product_id FROM license_assignment WHERE district_id = ? AND source = 'ROSTERED')
                ORDER BY p.sku""")) {
            Jdbc.bind(ps, districtId, districtId, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID productId = rs.getObject(1, UUID.class);
                    lines.add(new ProductLine(productId, rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), List.of()));
                }
            }
        }
        List<ProductLine> withPools = new ArrayList<>();
        for (ProductLine line : lines) {
            List<PoolLine> pools = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT q.pool_id, q.seats, q.sticky, q.manual, q.grace, q.free,
                           (SELECT count(*) FROM apply_alloc x WHERE x.pool_id = q.pool_id)
                    FROM apply_pool q WHERE q.product_id = ? ORDER BY q.start_date, q.pool_id""")) {
                ps.setObject(1, line.productId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pools.add(new PoolLine(rs.getObject(1, UUID.class), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                    }
                }
            }
            withPools.add(new ProductLine(line.productId(), line.sku(), line.title(), line.edition(), line.needed(),
                    line.seatsAvailable(), line.assigned(), line.unseated(), line.gains(), line.losses(), pools));
        }
        return withPools;
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<Person> people(Connection c, String sql, Object... params) throws SQLException {
        List<Person> people = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.add(new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, UUID.class), rs.getString(6)));
                }
            }
        }
        return people;
    }

    static Map<String, Long> emptyAccounts() {
        return new LinkedHashMap<>();
    }
}
