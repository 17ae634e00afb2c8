package io.rosterline.api.licensing;

import io.rosterline.api.checklist.ChecklistContributor;
import io.rosterline.api.checklist.ChecklistStep;
import io.rosterline.api.checklist.StepStatus;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;

/** The LICENSES and LICENSE_POOL steps of the checklist. */
public final class LicensingChecklist {

    private LicensingChecklist() {
    }

    @ApplicationScoped
    public static class Licenses implements ChecklistContributor {
        @Inject
        CourseLicenseService mappings;

        @Override
        public ChecklistStep step() {
            return ChecklistStep.LICENSES;
        }

        @Override
        public StepStatus evaluate(District district) {
            long[] counts = mappings.includedAndUnmapped(district.id);
            long included = counts[0];
            long unmapped = counts[1];
            if (included == 0) {
                return StepStatus.notStarted("No included courses to map yet", "Choose courses first");
            }
            if (unmapped == included) {
                return StepStatus.notStarted("None of the " + included + " included courses has a license yet",
                        ChecklistStep.LICENSES.firstAction);
            }
            if (unmapped > 0) {
                List<String> titles = mappings.unmappedTitles(district.id, 3);
                return StepStatus.needsAttention(unmapped + " of " + included + " included courses have no license ("
                        + String.join(", ", titles) + (unmapped > titles.size() ? ", ..." : "") + ")",
                        "Map the remaining courses to their licenses");
            }
            return StepStatus.done("All " + included + " included courses have licenses");
        }
    }

    @ApplicationScoped
    public static class Pools implements ChecklistContributor {
        @Inject
        SqlRunner sql;
        @Inject
        LicensePoolService pools;

        record MappedProduct(String title, boolean rosteredPoolToday, boolean anyPool) {
        }

        @Override
        public ChecklistStep step() {
            return ChecklistStep.LICENSE_POOL;
        }

        @Override
        public StepStatus evaluate(District district) {
            LocalDate today = pools.today(district);
            List<MappedProduct> mapped = sql.list("""
                    SELECT p.title,
                           EXISTS (SELECT 1 FROM license_pool lp WHERE lp.district_id = ? AND lp.product_id = p.id AND lp.mode = 'ROSTERED'
                                     AND lp.start_date <= ?::date AND lp.end_date >= ?::date) AS rostered_today,
                           EXISTS (SELECT 1 FROM license_pool lp WHERE lp.district_id = ? AND lp.product_id = p.id) AS any_pool
                    FROM product p
                    WHERE p.id IN (SELECT cl.product_id FROM course_license cl
                                   JOIN v_included_course ic ON ic.district_id = cl.district_id AND ic.sourced_id = cl.course_sourced_id
                                   WHERE cl.district_id = ?)
                    ORDER BY lower(p.title)""",
                    rs -> new MappedProduct(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)),
                    district.id, today, today, district.id, district.id);
            if (mapped.isEmpty()) {
                return StepStatus.notStarted("No licenses mapped to included courses yet", "Map licenses to courses first");
            }
            List<String> missing = mapped.stream().filter(p -> !p.rosteredPoolToday()).map(MappedProduct::title).toList();
            if (missing.isEmpty()) {
                return StepStatus.done(mapped.size() + (mapped.size() == 1 ? " product has" : " products have")
                        + " a rostered pool covering today");
            }
            if (mapped.stream().noneMatch(MappedProduct::anyPool)) {
                return StepStatus.notStarted("No license pools yet", ChecklistStep.LICENSE_POOL.firstAction);
            }
            return StepStatus.needsAttention("No rostered pool covering today for " + String.join(", ", missing),
                    "Add or extend a ROSTERED pool for each of these products");
        }
    }
}
