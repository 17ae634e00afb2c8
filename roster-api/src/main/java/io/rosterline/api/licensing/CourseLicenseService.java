package io.rosterline.api.licensing;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.licensing.LicensingDtos.BulkCourseLicenses;
import io.rosterline.api.licensing.LicensingDtos.BulkCourseLicensesResult;
import io.rosterline.api.licensing.LicensingDtos.CourseLicenses;
import io.rosterline.api.licensing.LicensingDtos.ProductView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which licenses each course grants: a course may grant several products (teacher and student editions). */
@ApplicationScoped
@Transactional
public class CourseLicenseService {

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;
    @Inject
    ProductService products;

    public CourseLicenses get(UUID districtId, String courseSourcedId) {
        District.require(districtId);
        requireCourse(districtId, courseSourcedId);
        return new CourseLicenses(courseSourcedId, mapped(districtId, courseSourcedId));
    }

    public CourseLicenses replace(UUID districtId, String courseSourcedId, List<UUID> productIds) {
        District.require(districtId);
        requireCourse(districtId, courseSourcedId);
        List<ProductView> wanted = products.requireActive("productIds", productIds);
        List<ProductView> before = mapped(districtId, courseSourcedId);
        UUID[] ids = wanted.stream().map(ProductView::id).toArray(UUID[]::new);
        sql.update("DELETE FROM course_license WHERE district_id = ? AND course_sourced_id = ? AND NOT (product_id = ANY(?))",
                districtId, courseSourcedId, ids);
        sql.update("""
                INSERT INTO course_license (district_id, course_sourced_id, product_id)
                SELECT ?, ?, p FROM unnest(?::uuid[]) AS t(p) ON CONFLICT DO NOTHING""", districtId, courseSourcedId, ids);
        List<ProductView> after = mapped(districtId, courseSourcedId);
        if (!before.equals(after)) {
            audit.record(districtId, "course-licenses.changed", "course", courseSourcedId,
                    Map.of("productIds", before.stream().map(ProductView::id).toList()),
                    Map.of("productIds", after.stream().map(ProductView::id).toList()));
        }
        return new CourseLicenses(courseSourcedId, after);
    }

    public BulkCourseLicensesResult bulk(UUID districtId, BulkCourseLicenses request) {
        District.require(districtId);
        List<String> courses = List.copyOf(new LinkedHashSet<>(request.courseSourcedIds().stream().map(String::trim).toList()));
        List<String> unknown = sql.list("SELECT id FROM unnest(?::text[]) AS t(id) WHERE NOT EXISTS "
                        + "(SELECT 1 FROM sis_course c WHERE c.district_id = ? AND c.sourced_id = t.id) ORDER BY id",
                rs -> rs.getString(1), courses.toArray(String[]::new), districtId);
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("courseSourcedIds", "unknown courses: " + String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))
                    + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : ""));
        }
        boolean replace = Boolean.TRUE.equals(request.replace());
        // replace=true with no products is allowed on purpose: it unmaps the courses.
        if (!replace && request.productIds().isEmpty()) {
            throw ProblemException.invalid("productIds", "list at least one product to add");
        }
        UUID[] ids = products.requireActive("productIds", request.productIds()).stream().map(ProductView::id).toArray(UUID[]::new);
        String[] courseIds = courses.toArray(String[]::new);
        long removed = replace ? sql.update("DELETE FROM course_license WHERE district_id = ? AND course_sourced_id = ANY(?) "
                + "AND NOT (product_id = ANY(?))", districtId, courseIds, ids) : 0;
        long added = sql.update("""
                INSERT INTO course_license (district_id, course_sourced_id, product_id)
                SELECT ?, c, p FROM unnest(?::text[]) AS tc(c) CROSS JOIN unnest(?::uuid[]) AS tp(p)
                ON CONFLICT DO NOTHING""", districtId, courseIds, ids);
        if (added + removed > 0) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("courses", courses.size());
            change.put("productIds", List.of(ids));
            change.put("replace", replace);
            change.put("mappingsAdded", added);
            change.put("mappingsRemoved", removed);
            audit.record(districtId, "course-licenses.bulk-changed", "course", null, null, change);
        }
        return new BulkCourseLicensesResult(courses.size(), added, removed);
    }

    /** Included courses and how many of them grant no license, for the LICENSES step. */
    public long[] includedAndUnmapped(UUID districtId) {
        return sql.one("""
                SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM course_license cl
                                                   WHERE cl.district_id = ic.district_id AND cl.course_sourced_id = ic.sourced_id))
                FROM v_included_course ic WHERE ic.district_id = ?""",
                rs -> new long[]{rs.getLong(1), rs.getLong(2)}, districtId).orElseThrow();
    }

    /** Titles of included courses without licenses, a few for the checklist summary. */
    public List<String> unmappedTitles(UUID districtId, int limit) {
        return sql.list("""
                SELECT c.title FROM v_included_course ic JOIN sis_course c ON c.district_id = ic.district_id AND c.sourced_id = ic.sourced_id
                WHERE ic.district_id = ? AND NOT EXISTS (SELECT 1 FROM course_license cl
                                                         WHERE cl.district_id = ic.district_id AND cl.course_sourced_id = ic.sourced_id)
                ORDER BY lower(c.title) LIMIT ?""", rs -> rs.getString(1), districtId, limit);
    }

    private List<ProductView> mapped(UUID districtId, String courseSourcedId) {
        return new ArrayList<>(sql.list("SELECT " + ProductService.COLUMNS + " FROM course_license cl JOIN product p ON p.id = cl.product_id "
                + "WHERE cl.district_id = ? AND cl.course_sourced_id = ? ORDER BY lower(p.title), p.sku", ProductService::view,
                districtId, courseSourcedId));
    }

    private void requireCourse(UUID districtId, String courseSourcedId) {
        if (sql.count("SELECT count(*) FROM sis_course WHERE district_id = ? AND sourced_id = ?", districtId, courseSourcedId) == 0) {
            throw ProblemException.notFound("Course " + courseSourcedId);
        }
    }
}
