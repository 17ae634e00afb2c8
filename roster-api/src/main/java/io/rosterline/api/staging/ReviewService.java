package io.rosterline.api.staging;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.sync.Jdbc;
import io.rosterline.api.sync.RunReader;
import io.rosterline.api.sync.RunStatus;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Review before apply: the roster as it will be once the run is applied (the current roster overlaid with the run's
 * differences), each row marked ADDED, CHANGED, REMOVED or UNCHANGED.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReviewService {

    @Schema(name = "StagedCounts", description = "Per collection: records added, changed, removed and unchanged by the run.", example = """
            {"runId":"5ec52906-ab9a-43fe-8a67-695998a50aa4","status":"STAGED",
             "counts":{"orgs":{"added":0,"changed":1,"removed":0,"unchanged":11,"total":12},
                       "users":{"added":1204,"changed":310,"removed":87,"unchanged":168399,"total":169913},
                       "classes":{"added":40,"changed":12,"removed":9,"unchanged":6100,"total":6152},
                       "enrollments":{"added":5120,"changed":0,"removed":2210,"unchanged":904670,"total":909790}}}""")
    public record StagedCounts(UUID runId, RunStatus status, JsonNode counts) {
    }

    @Schema(name = "StagedClass", description = "One class as the run leaves it, with its change and how many students and teachers it has.",
            example = """
            {"sourcedId":"cls-000001","title":"Mathematics Grade 09 - Term 1 - Section 1","classCode":"MATH-09-T1-1",
             "courseSourcedId":"crs-00025","schoolSourcedId":"sch-0002","status":"active","change":"ADDED","students":25,"teachers":1}""")
    public record StagedClass(String sourcedId, String title, String classCode, String courseSourcedId, String schoolSourcedId,
                              String status, String change, long students, long teachers) {
    }

    @Schema(name = "StagedRosterEntry", description = "One person in a class as the run will leave it.", example = """
            {"enrollmentSourcedId":"enr-0000026","userSourcedId":"tch-00001","givenName":"Elizabeth","familyName":"O'Brien",
             "role":"teacher","status":"active","change":"ADDED"}""")
    public record StagedRosterEntry(String enrollmentSourcedId, String userSourcedId, String givenName, String familyName,
                                    String role, String status, String change) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RunReader reader;

    public StagedCounts counts(UUID districtId, UUID runId) {
        RunView run = reader.get(districtId, runId);
        return new StagedCounts(runId, run.status(), run.counts());
    }

    /** A collection overlaid with a run's differences; parameters: districtId, runId, runId, districtId. */
    static String overlay(RosterTable t) {
        String cols = t.dataColumns("s");
        String rcols = t.dataColumns("r");
        return "(SELECT s.sourced_id, s.status, " + cols + ", CASE WHEN r.sourced_id IS NULL THEN 'ADDED' ELSE 'CHANGED' END AS change "
                + "FROM " + t.staged + " s LEFT JOIN " + t.current + " r ON r.district_id = ? AND r.sourced_id = s.sourced_id "
                + "WHERE s.run_id = ? AND s.op = 'U' "
                + "UNION ALL SELECT r.sourced_id, r.status, " + rcols + ", CASE WHEN s.op = 'D' THEN 'REMOVED' ELSE 'UNCHANGED' END "
                + "FROM " + t.current + " r LEFT JOIN " + t.staged + " s ON s.run_id = ? AND s.sourced_id = r.sourced_id "
                + "WHERE r.district_id = ? AND (s.sourced_id IS NULL OR s.op = 'D'))";
    }

    public PageResult<StagedClass> classes(UUID districtId, UUID runId, String change, int page, int size) {
        reader.get(districtId, runId);
        String where = change == null ? "" : " WHERE o.change = ?";
        try (Connection c = dataSource.getConnection()) {
            List<Object> params = new ArrayList<>(List.of(districtId, runId, runId, districtId));
            if (change != null) {
                params.add(change);
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + overlay(RosterTable.CLASSES) + " o" + where)) {
                Jdbc.bind(ps, params.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<StagedClass> rows = new ArrayList<>();
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(size);
            pageParams.add((long) page * size);
            try (PreparedStatement ps = c.prepareStatement("SELECT o.sourced_id, o.title, o.class_code, o.course_sourced_id, "
                    + "o.school_sourced_id, o.status, o.change FROM " + overlay(RosterTable.CLASSES) + " o" + where
                    + " ORDER BY o.sourced_id LIMIT ? OFFSET ?")) {
                Jdbc.bind(ps, pageParams.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new StagedClass(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), 0, 0));
                    }
                }
            }
            Map<String, long[]> sizes = new HashMap<>();
            if (!rows.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT o.class_sourced_id, "
                        + "count(*) FILTER (WHERE lower(o.role) = 'student'), count(*) FILTER (WHERE lower(o.role) = 'teacher') "
                        + "FROM " + overlay(RosterTable.ENROLLMENTS) + " o WHERE o.class_sourced_id = ANY (?) "
                        + "AND o.change <> 'REMOVED' AND o.status = 'active' GROUP BY o.class_sourced_id")) {
                    Jdbc.bind(ps, districtId, runId, runId, districtId);
                    ps.setArray(5, c.createArrayOf("text", rows.stream().map(StagedClass::sourcedId).toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sizes.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                        }
                    }
                }
            }
            List<StagedClass> items = rows.stream().map(r -> {
                long[] n = sizes.getOrDefault(r.sourcedId(), new long[2]);
                return new StagedClass(r.sourcedId(), r.title(), r.classCode(), r.courseSourcedId(), r.schoolSourcedId(),
                        r.status(), r.change(), n[0], n[1]);
            }).toList();
            return new PageResult<>(items, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<StagedRosterEntry> roster(UUID districtId, UUID runId, String classSourcedId) {
        reader.get(districtId, runId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT e.sourced_id, e.user_sourced_id, u.given_name, u.family_name, "
                     + "e.role, e.status, e.change FROM " + overlay(RosterTable.ENROLLMENTS) + " e "
                     + "LEFT JOIN " + overlay(RosterTable.USERS) + " u ON u.sourced_id = e.user_sourced_id "
                     + "WHERE e.class_sourced_id = ? "
                     + "ORDER BY CASE lower(e.role) WHEN 'teacher' THEN 0 ELSE 1 END, u.family_name, u.given_name, e.user_sourced_id")) {
            Jdbc.bind(ps, districtId, runId, runId, districtId, districtId, runId, runId, districtId, classSourcedId);
            List<StagedRosterEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new StagedRosterEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            if (entries.isEmpty()) {
                boolean known;
                try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM " + overlay(RosterTable.CLASSES) + " o WHERE o.sourced_id = ?")) {
                    Jdbc.bind(check, districtId, runId, runId, districtId, classSourcedId);
                    try (ResultSet rs = check.executeQuery()) {
                        known = rs.next();
                    }
                }
                if (!known) {
                    throw io.rosterline.api.common.ProblemException.notFound("Class " + classSourcedId);
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
