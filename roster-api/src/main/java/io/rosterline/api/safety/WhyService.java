package io.rosterline.api.safety;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.district.District;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Why a person holds (or does not hold) a license: the chain enrollment -> class -> course mapping -> term dates with
 * the admin's overrides -> pool and seats -> assignment, each link with a plain sentence, stopping at the first link
 * that is missing. Read-only; follows the same rules as the apply (ApplyEngine.buildAllocation).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class WhyService {

    @Schema(name = "WhyLink", description = "One link of the chain: ENROLLMENT, CLASS, COURSE_MAPPING, TERM, POOL or ASSIGNMENT; "
            + "GRACE when a license the sync removed is kept for the district's grace period.")
    public record Link(String step, boolean ok, String text) {
    }

    @Schema(name = "LicenseWhy", description = "Why this person holds this license today, or the first link that is missing.", example = """
            {"accountId":"3b453610-9995-40d4-bfb5-ea6c0024261e","sourcedId":"stu-000041","name":"Elias Allen","matchReason":"NEW",
             "matchDetail":"a new account: no existing account matched by SIS identifier, email, login",
             "productId":"9d8218a6-9c46-474f-82d6-dc211285e501","sku":"ALG1-STU","productTitle":"Algebra I Student Edition",
             "usableToday":true,"source":"ROSTERED","usableFrom":"2026-08-15","usableUntil":"2027-06-15","graceUntil":null,
             "answer":"Elias Allen holds Algebra I Student Edition.","missing":null,
             "chain":[{"step":"ENROLLMENT","ok":true,"text":"Elias Allen is enrolled as student in 2 classes."},
                      {"step":"CLASS","ok":true,"text":"Class Algebra I - Period 3 is active."},
                      {"step":"COURSE_MAPPING","ok":true,"text":"Course MATH-09 (class Algebra I - Period 3) is mapped to Algebra I Student Edition."},
                      {"step":"TERM","ok":true,"text":"Term Fall 2026 Semester runs 2026-08-15 to 2027-01-15."},
                      {"step":"POOL","ok":true,"text":"Rostered pools for Algebra I Student Edition have 1000 seats; 612 are taken."},
                      {"step":"ASSIGNMENT","ok":true,"text":"Assigned by the sync (schedule), usable from 2026-08-15 to 2027-06-15."}]}""")
    public record Why(UUID accountId, String sourcedId, String name, String matchReason, String matchDetail, UUID productId,
                      String sku, String productTitle,
                      boolean usableToday, String source, LocalDate usableFrom, LocalDate usableUntil, LocalDate graceUntil,
                      String answer, String missing, List<Link> chain) {
    }

    private record Person(UUID accountId, String sourcedId, String name, String matchReason, String matchDetail) {
    }

    private record Product(String sku, String title, String edition) {
    }

    private record Assignment(String source, UUID poolId, LocalDate start, LocalDate end, String assignedBy, LocalDate graceUntil,
                              LocalDate graceSince) {
    }

    private record ClassLine(String classId, String classTitle, String classStatus, String courseId, String courseLabel,
                             boolean mapped) {
    }

    private record TermLine(String title, LocalDate start, LocalDate end, LocalDate overrideStart, LocalDate freezeEnd) {
        LocalDate effectiveStart() {
            return overrideStart != null ? overrideStart : start;
        }

        LocalDate effectiveEnd() {
            return freezeEnd != null ? freezeEnd : end;
        }
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;

    public Why why(UUID districtId, String userId, UUID productId) {
        District district = District.require(districtId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(district.timezone));
        try (Connection c = dataSource.getConnection()) {
            Person person = person(c, districtId, userId);
            Product product = product(c, productId);
            List<Link> chain = new ArrayList<>();
            Assignment held = assignment(c, districtId, person.accountId(), productId);

            if (held != null && !"ROSTERED".equals(held.source())) {
                chain.add(new Link("ASSIGNMENT", true, product.title() + " was given to " + person.name() + " by hand ("
                        + held.source() + ", by " + held.assignedBy() + "); the sync keeps it whatever the roster says."));
                return answer(person, productId, product, held, today, chain, null);
            }
            String who = person.name();
            String role = product.edition().equals("TEACHER") ? "teacher" : "student";
            List<ClassLine> classes = classes(c, districtId, person.sourcedId(), role, productId);
            if (person.sourcedId() == null) {
                return answer(person, productId, product, held, today, chain, who + " is not a rostered person; only a manual "
                        + "assignment can give them " + product.title() + ".");
            }
            if (classes.isEmpty()) {
                String other = anyEnrollmentRole(c, districtId, person.sourcedId());
                return answer(person, productId, product, held, today, chain, other == null
                        ? who + " has no active enrollment in any class."
                        : product.title() + " is a " + role + " edition; " + who + " is enrolled only as " + other + ".");
            }
            chain.add(new Link("ENROLLMENT", true, who + " is enrolled as " + role + " in " + classes.size()
                    + (classes.size() == 1 ? " class." : " classes.")));
            List<ClassLine> active = classes.stream().filter(k -> "active".equals(k.classStatus())).toList();
            if (active.isEmpty()) {
                ClassLine k = classes.get(0);
                return answer(person, productId, product, held, today, chain, k.classStatus() == null
                        ? "Class " + k.classId() + " of the enrollment is not in the roster."
                        : "Class " + k.classTitle() + " is not active in the SIS (" + k.classStatus() + ").");
            }
            chain.add(new Link("CLASS", true, "Class " + active.get(0).classTitle() + " is active."));
            List<ClassLine> mapped = active.stream().filter(ClassLine::mapped).toList();
            if (mapped.isEmpty()) {
                ClassLine k = active.get(0);
                return answer(person, productId, product, held, today, chain,
                        "Course " + k.courseLabel() + " is not mapped to " + product.title() + ".");
            }
            ClassLine k = mapped.get(0);
            chain.add(new Link("COURSE_MAPPING", true, "Course " + k.courseLabel() + " (class " + k.classTitle() + ") is mapped to "
                    + product.title() + "."));

            // The term link: usable across the mapped classes' terms (earliest start, latest end), as the apply computes it.
            List<TermLine> terms = new ArrayList<>();
            for (ClassLine m : mapped) {
                terms.addAll(terms(c, districtId, m.classId()));
            }
            if (!terms.isEmpty()) {
                TermLine first = terms.stream().min((a, b) -> compare(a.effectiveStart(), b.effectiveStart())).orElseThrow();
                TermLine last = terms.stream().max((a, b) -> compare(a.effectiveEnd(), b.effectiveEnd())).orElseThrow();
                if (first.effectiveStart() != null && first.effectiveStart().isAfter(today)) {
                    return answer(person, productId, product, held, today, chain, "Term " + first.title() + " starts on "
                            + first.start() + "; " + (first.overrideStart() == null ? "override start not set."
                            : "override start " + first.overrideStart() + " is still ahead."));
                }
                if (last.effectiveEnd() != null && last.effectiveEnd().isBefore(today)) {
                    return answer(person, productId, product, held, today, chain, "Term " + last.title() + " ended on "
                            + last.end() + "; " + (last.freezeEnd() == null ? "freeze end not set." : "freeze end " + last.freezeEnd() + " has passed."));
                }
                chain.add(new Link("TERM", true, "Term " + first.title() + " runs " + first.effectiveStart() + " to "
                        + last.effectiveEnd() + (first.overrideStart() != null ? " (override start " + first.overrideStart() + ")" : "")
                        + (last.freezeEnd() != null ? " (freeze end " + last.freezeEnd() + ")" : "") + "."));
            }

            long[] seats = seats(c, districtId, productId, today);
            if (seats[0] == 0) {
                return answer(person, productId, product, held, today, chain, "The district has no current rostered pool for "
                        + product.title() + ".");
            }
            chain.add(new Link("POOL", true, "Rostered pools for " + product.title() + " have " + seats[1] + " seats; "
                    + seats[2] + " are taken."));
            if (held == null) {
                return answer(person, productId, product, null, today, chain, seats[2] >= seats[1]
                        ? "All " + seats[1] + " seats of the rostered pools for " + product.title() + " are taken."
                        : "Not assigned yet: the next applied sync assigns it.");
            }
            chain.add(new Link("ASSIGNMENT", true, "Assigned by the sync (" + held.assignedBy() + "), usable from "
                    + held.start() + " to " + held.end() + "."));
            return answer(person, productId, product, held, today, chain, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Why answer(Person person, UUID productId, Product product, Assignment held, LocalDate today, List<Link> chain,
                              String missing) {
        if (missing != null) {
            chain.add(new Link(nextStep(chain), false, missing));
        }
        boolean inGrace = held != null && held.graceUntil() != null;
        boolean graceLeft = inGrace && !today.isAfter(held.graceUntil());
        if (inGrace) {
            chain.add(new Link("GRACE", graceLeft, graceLeft
                    ? "The sync removed it on " + held.graceSince() + "; the district's grace period keeps it usable, and its seat taken, "
                    + "until " + held.graceUntil() + ". It ends by itself then, unless " + person.name() + " is enrolled again."
                    : "The grace period after the sync removed it ended on " + held.graceUntil() + "."));
        }
        boolean usable = held != null && (held.start() == null || !held.start().isAfter(today))
                && (held.end() == null || !held.end().isBefore(today)) && (!inGrace || graceLeft);
        String answer;
        if (inGrace) {
            answer = graceLeft
                    ? person.name() + " holds " + product.title() + " in grace until " + held.graceUntil()
                    + (missing == null ? "." : ": " + missing)
                    : person.name() + " no longer holds " + product.title() + ": the grace period ended on " + held.graceUntil()
                    + (missing == null ? "." : " (" + missing + ")");
        } else if (missing == null) {
            answer = person.name() + " holds " + product.title() + (usable ? "." : ", usable from " + held.start() + ".");
        } else {
            answer = person.name() + (held != null ? " holds " + product.title() + " but it is not usable today: " : " does not hold "
                    + product.title() + ": ") + missing;
        }
        return new Why(person.accountId(), person.sourcedId(), person.name(), person.matchReason(), person.matchDetail(), productId,
                product.sku(), product.title(), usable,
                held == null ? null : held.source(), held == null ? null : held.start(), held == null ? null : held.end(),
                inGrace ? held.graceUntil() : null, answer, missing, List.copyOf(chain));
    }

    private static String nextStep(List<Link> chain) {
        List<String> steps = List.of("ENROLLMENT", "CLASS", "COURSE_MAPPING", "TERM", "POOL", "ASSIGNMENT");
        return chain.isEmpty() ? steps.get(0) : steps.get(Math.min(steps.indexOf(chain.get(chain.size() - 1).step()) + 1, steps.size() - 1));
    }

    private static int compare(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    private static Person person(Connection c, UUID districtId, String userId) throws SQLException {
        UUID asId = null;
        try {
            asId = UUID.fromString(userId);
        } catch (IllegalArgumentException notAnId) {
            // a rostered sourcedId
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.id, COALESCE(a.sourced_id, u.sourced_id), COALESCE(a.given_name || ' ' || a.family_name, u.given_name || ' ' || u.family_name),
                       a.match_reason, COALESCE(a.match_detail, CASE WHEN a.id IS NULL THEN 'no account yet: the next applied sync creates '
                       || 'or matches it, unless it waits in the account review' END)
                FROM (SELECT 1) one
                LEFT JOIN account a ON a.district_id = ? AND (a.id = ? OR a.sourced_id = ?)
                LEFT JOIN roster_user u ON u.district_id = ? AND u.sourced_id = COALESCE(a.sourced_id, ?)
                WHERE a.id IS NOT NULL OR u.sourced_id IS NOT NULL
                LIMIT 1""")) {
            Jdbc.bind(ps, districtId, asId, userId, districtId, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("User " + userId);
                }
                return new Person(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            }
        }
    }

    private static Product product(Connection c, UUID productId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, title, edition FROM product WHERE id = ?")) {
            ps.setObject(1, productId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Product " + productId);
                }
                return new Product(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        }
    }

    private static Assignment assignment(Connection c, UUID districtId, UUID accountId, UUID productId) throws SQLException {
        if (accountId == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT source, pool_id, effective_start, effective_end, assigned_by, grace_until,
                       (grace_since AT TIME ZONE (SELECT timezone FROM district WHERE id = ?))::date
                FROM license_assignment
                WHERE district_id = ? AND account_id = ? AND product_id = ?
                ORDER BY CASE source WHEN 'MANUAL' THEN 0 WHEN 'STICKY' THEN 1 ELSE 2 END LIMIT 1""")) {
            Jdbc.bind(ps, districtId, districtId, accountId, productId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Assignment(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getObject(6, LocalDate.class),
                        rs.getObject(7, LocalDate.class)) : null;
            }
        }
    }

    private static List<ClassLine> classes(Connection c, UUID districtId, String sourcedId, String role, UUID productId) throws SQLException {
        List<ClassLine> lines = new ArrayList<>();
        if (sourcedId == null) {
            return lines;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT e.class_sourced_id, COALESCE(k.title, e.class_sourced_id), k.status, k.course_sourced_id,
                       COALESCE(rc.course_code, sc.course_code, rc.title, sc.title, k.course_sourced_id),
                       EXISTS (SELECT 1 FROM course_license cl WHERE cl.district_id = e.district_id
                               AND cl.course_sourced_id = k.course_sourced_id AND cl.product_id = ?)
                FROM roster_enrollment e
                LEFT JOIN roster_class k ON k.district_id = e.district_id AND k.sourced_id = e.class_sourced_id
                LEFT JOIN roster_course rc ON rc.district_id = e.district_id AND rc.sourced_id = k.course_sourced_id
                LEFT JOIN sis_course sc ON sc.district_id = e.district_id AND sc.sourced_id = k.course_sourced_id
                WHERE e.district_id = ? AND e.user_sourced_id = ? AND e.status = 'active' AND lower(e.role) = ?
                ORDER BY 6 DESC, (k.status = 'active') DESC, e.class_sourced_id""")) {
            Jdbc.bind(ps, productId, districtId, sourcedId, role);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new ClassLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getBoolean(6)));
                }
            }
        }
        return lines;
    }

    private static String anyEnrollmentRole(Connection c, UUID districtId, String sourcedId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT lower(role) FROM roster_enrollment WHERE district_id = ? "
                + "AND user_sourced_id = ? AND status = 'active' LIMIT 1")) {
            Jdbc.bind(ps, districtId, sourcedId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<TermLine> terms(Connection c, UUID districtId, String classId) throws SQLException {
        List<TermLine> terms = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COALESCE(rs.title, ss.title, term.id), COALESCE(rs.start_date, ss.start_date), COALESCE(rs.end_date, ss.end_date),
                       ss.override_start, ss.freeze_end
                FROM roster_class k, unnest(k.term_sourced_ids) AS term(id)
                LEFT JOIN roster_session rs ON rs.district_id = ? AND rs.sourced_id = term.id
                LEFT JOIN sis_academic_session ss ON ss.district_id = ? AND ss.sourced_id = term.id
                WHERE k.district_id = ? AND k.sourced_id = ?""")) {
            Jdbc.bind(ps, districtId, districtId, districtId, classId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    terms.add(new TermLine(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)));
                }
            }
        }
        return terms;
    }

    /** {pools, seats, taken} over the product's current ROSTERED pools; a license in its grace period takes a seat until it ends. */
    private static long[] seats(Connection c, UUID districtId, UUID productId, LocalDate today) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*), COALESCE(sum(lp.seats), 0),
                       COALESCE(sum((SELECT count(*) FROM license_assignment la WHERE la.pool_id = lp.id
                                     AND (la.grace_until IS NULL OR la.grace_until >= ?))), 0)
                FROM license_pool lp WHERE lp.district_id = ? AND lp.product_id = ? AND lp.mode = 'ROSTERED'
                  AND lp.start_date <= ? AND lp.end_date >= ?""")) {
            Jdbc.bind(ps, today, districtId, productId, today, today);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }
}
