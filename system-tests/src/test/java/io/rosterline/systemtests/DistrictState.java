package io.rosterline.systemtests;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What roster-api committed for one district, read from its database as rows named like {@link ReferenceResult}'s,
 * and how the two differ. A row stored twice counts as extra.
 */
record DistrictState(List<String> rows) {

    static DistrictState of(LicensedDistrict district) {
        UUID id = district.id();
        List<String> rows = new ArrayList<>();
        StackDatabase.strings("SELECT 'account/' || sourced_id FROM account WHERE district_id = ? AND active", id).forEach(rows::add);
        StackDatabase.strings("SELECT 'class/' || sourced_id FROM roster_class WHERE district_id = ?", id).forEach(rows::add);
        StackDatabase.strings("SELECT 'enrollment/' || sourced_id FROM roster_enrollment WHERE district_id = ?", id).forEach(rows::add);
        StackDatabase.strings("""
                SELECT 'license/' || CASE WHEN la.product_id = ? THEN 'TEACHER' WHEN la.product_id = ? THEN 'STUDENT' ELSE 'OTHER' END
                       || '/' || a.sourced_id
                FROM license_assignment la JOIN account a ON a.id = la.account_id
                WHERE la.district_id = ? AND la.source = 'ROSTERED'""", district.teacherProduct(), district.studentProduct(), id)
                .forEach(rows::add);
        return new DistrictState(rows);
    }

    /**
     * The figures of one comparison: the reference's rows (each looked up in what was stored), the rows stored, the
     * reference rows missing from the store (lost) and the stored rows the reference does not hold or holds once (extra).
     */
    record Comparison(int rowsExpected, int rowsStored, List<String> lost, List<String> extra) {
        boolean equal() {
            return lost.isEmpty() && extra.isEmpty();
        }

        String describe() {
            return rowsExpected + " rows expected, " + rowsStored + " stored; lost " + lost.size() + " "
                    + lost.stream().limit(10).toList() + ", extra " + extra.size() + " " + extra.stream().limit(10).toList();
        }
    }

    Comparison compareWith(ReferenceResult reference) {
        Set<String> seen = new HashSet<>();
        List<String> extra = new ArrayList<>();
        for (String row : rows) {
            if (!seen.add(row) || !reference.rows().contains(row)) {
                extra.add(row);
            }
        }
        List<String> lost = new ArrayList<>(new TreeSet<>(reference.rows()));
        lost.removeAll(seen);
        return new Comparison(reference.rows().size(), rows.size(), lost, extra);
    }
}
