package io.rosterline.api.selection;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.selection.SchoolDtos.SchoolSelection;
import io.rosterline.api.selection.SchoolDtos.SchoolView;
import io.rosterline.api.selection.SchoolDtos.SelectionResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which of the SIS's schools a district processes. The list reads the discovery cache (sis_school). */
@ApplicationScoped
@Transactional
public class SchoolService {

    private static final String COLUMNS = "sourced_id, name, identifier, school_type, status, included, discovered_at";

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;

    public PageResult<SchoolView> list(UUID districtId, String search, Boolean included, int page, int size) {
        District.require(districtId);
        StringBuilder where = new StringBuilder(" WHERE district_id = ?");
        List<Object> params = new ArrayList<>(List.of(districtId));
        if (search != null && !search.isBlank()) {
            where.append(" AND (lower(name) LIKE ? OR lower(coalesce(identifier, '')) LIKE ? OR lower(sourced_id) = ?)");
            String pattern = SelectionRequests.containsPattern(search);
            params.add(pattern);
            params.add(pattern);
            params.add(search.trim().toLowerCase());
        }
        if (included != null) {
            where.append(" AND included = ?");
            params.add(included);
        }
        long total = sql.count("SELECT count(*) FROM sis_school" + where, params.toArray());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<SchoolView> items = sql.list("SELECT " + COLUMNS + " FROM sis_school" + where
                + " ORDER BY lower(name), sourced_id LIMIT ? OFFSET ?", SchoolService::view, pageParams.toArray());
        return new PageResult<>(items, page, size, total);
    }

    public SchoolView choose(UUID districtId, String sourcedId, boolean included) {
        District.require(districtId);
        SchoolView before = require(districtId, sourcedId);
        if (before.included() != included) {
            sql.update("UPDATE sis_school SET included = ? WHERE district_id = ? AND sourced_id = ?", included, districtId, sourcedId);
            audit.record(districtId, included ? "school.included" : "school.excluded", "school", sourcedId,
                    Map.of("included", before.included()), Map.of("included", included));
        }
        return require(districtId, sourcedId);
    }

    public SelectionResult select(UUID districtId, SchoolSelection request) {
        District.require(districtId);
        List<String> include = SelectionRequests.clean(request.include());
        List<String> exclude = SelectionRequests.clean(request.exclude());
        SelectionRequests.requireOneForm(include, exclude, List.of(), request.all(), request.included() != null, false);
        long changed;
        Map<String, Object> auditRequest = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(request.all())) {
            String search = request.search() == null || request.search().isBlank() ? null : request.search();
            StringBuilder update = new StringBuilder("UPDATE sis_school SET included = ? WHERE district_id = ? AND included <> ?");
            List<Object> params = new ArrayList<>(List.of(request.included(), districtId, request.included()));
            if (search != null) {
                update.append(" AND (lower(name) LIKE ? OR lower(coalesce(identifier, '')) LIKE ?)");
                params.add(SelectionRequests.containsPattern(search));
                params.add(SelectionRequests.containsPattern(search));
            }
            changed = sql.update(update.toString(), params.toArray());
            auditRequest.put("all", true);
            auditRequest.put("included", request.included());
            auditRequest.put("search", search);
        } else {
            requireKnown(districtId, "include", include);
            requireKnown(districtId, "exclude", exclude);
            changed = sql.update("UPDATE sis_school SET included = true WHERE district_id = ? AND sourced_id = ANY(?) AND NOT included",
                    districtId, include.toArray(String[]::new));
            changed += sql.update("UPDATE sis_school SET included = false WHERE district_id = ? AND sourced_id = ANY(?) AND included",
                    districtId, exclude.toArray(String[]::new));
            auditRequest.put("include", include);
            auditRequest.put("exclude", exclude);
        }
        long includedTotal = includedCount(districtId);
        if (changed > 0) {
            audit.record(districtId, "school.selection-changed", "school", null, auditRequest,
                    Map.of("changed", changed, "includedTotal", includedTotal));
        }
        return new SelectionResult(changed, includedTotal);
    }

    public long includedCount(UUID districtId) {
        return sql.count("SELECT count(*) FROM v_included_school WHERE district_id = ?", districtId);
    }

    public long knownCount(UUID districtId) {
        return sql.count("SELECT count(*) FROM sis_school WHERE district_id = ?", districtId);
    }

    public List<String> includedSourcedIds(UUID districtId) {
        return sql.list("SELECT sourced_id FROM v_included_school WHERE district_id = ? ORDER BY sourced_id",
                rs -> rs.getString(1), districtId);
    }

    private void requireKnown(UUID districtId, String field, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> unknown = sql.list("SELECT id FROM unnest(?::text[]) AS t(id) WHERE NOT EXISTS "
                        + "(SELECT 1 FROM sis_school s WHERE s.district_id = ? AND s.sourced_id = t.id) ORDER BY id",
                rs -> rs.getString(1), ids.toArray(String[]::new), districtId);
        if (!unknown.isEmpty()) {
            throw SelectionRequests.unknown(field, "schools", unknown);
        }
    }

    private SchoolView require(UUID districtId, String sourcedId) {
        return sql.one("SELECT " + COLUMNS + " FROM sis_school WHERE district_id = ? AND sourced_id = ?", SchoolService::view,
                districtId, sourcedId).orElseThrow(() -> ProblemException.notFound("School " + sourcedId));
    }

    private static SchoolView view(ResultSet rs) throws SQLException {
        return new SchoolView(rs.getString("sourced_id"), rs.getString("name"), rs.getString("identifier"),
                rs.getString("school_type"), rs.getString("status"), rs.getBoolean("included"),
                rs.getObject("discovered_at", java.time.OffsetDateTime.class).toInstant());
    }

}
