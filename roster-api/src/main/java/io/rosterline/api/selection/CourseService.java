package io.rosterline.api.selection;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.selection.CourseDtos.CourseRuleCreate;
import io.rosterline.api.selection.CourseDtos.CourseRuleView;
import io.rosterline.api.selection.CourseDtos.CourseSelection;
import io.rosterline.api.selection.CourseDtos.CourseView;
import io.rosterline.api.selection.CourseDtos.InclusionReason;
import io.rosterline.api.selection.CourseDtos.MatchField;
import io.rosterline.api.selection.CourseDtos.RuleEffect;
import io.rosterline.api.selection.SchoolDtos.SelectionResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which courses a district processes: the admin's explicit choices and the course rules, combined in the database
 * (view v_course_inclusion) so that the sync pipeline reads exactly what the admin sees.
 */
@ApplicationScoped
@Transactional
public class CourseService {

    private static final String SELECT = """
            SELECT c.sourced_id, c.school_sourced_id, c.title, c.course_code, c.subjects, c.grades, c.status,
                   i.explicit_choice, i.effectively_included, i.reason,
                   CASE i.reason WHEN 'EXCLUDED_BY_RULE' THEN i.exclude_rule_id WHEN 'INCLUDED_BY_RULE' THEN i.include_rule_id END AS rule_id,
                   ARRAY(SELECT cl.product_id FROM course_license cl
                         WHERE cl.district_id = c.district_id AND cl.course_sourced_id = c.sourced_id ORDER BY cl.product_id) AS product_ids
            FROM sis_course c
            JOIN v_course_inclusion i ON i.district_id = c.district_id AND i.sourced_id = c.sourced_id
            """;
    /** Courses the admin can see and choose: those of included schools and those not tied to a known school. */
    private static final String VISIBLE = " " + """
            NOT EXISTS (SELECT 1 FROM sis_school s WHERE s.district_id = c.district_id AND s.sourced_id = c.school_sourced_id
                                                  AND NOT (s.included AND lower(s.status) = 'active'))""";

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;

    public PageResult<CourseView> list(UUID districtId, String search, String school, Boolean effectivelyIncluded, int page, int size) {
        District.require(districtId);
        StringBuilder where = new StringBuilder(" WHERE c.district_id = ? AND").append(VISIBLE);
        List<Object> params = new ArrayList<>(List.of(districtId));
        appendSearch(where, params, search);
        if (school != null && !school.isBlank()) {
            where.append(" AND c.school_sourced_id = ?");
            params.add(school.trim());
        }
        if (effectivelyIncluded != null) {
            where.append(" AND i.effectively_included = ?");
            params.add(effectivelyIncluded);
        }
        long total = sql.count("SELECT count(*) FROM sis_course c JOIN v_course_inclusion i "
                + "ON i.district_id = c.district_id AND i.sourced_id = c.sourced_id" + where, params.toArray());
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<CourseView> items = sql.list(SELECT + where + " ORDER BY lower(c.title), c.sourced_id LIMIT ? OFFSET ?",
                CourseService::view, pageParams.toArray());
        return new PageResult<>(items, page, size, total);
    }

    public CourseView get(UUID districtId, String sourcedId) {
        District.require(districtId);
        return require(districtId, sourcedId);
    }

    public CourseView choose(UUID districtId, String sourcedId, Boolean included) {
        District.require(districtId);
        CourseView before = require(districtId, sourcedId);
        if (!java.util.Objects.equals(before.explicitChoice(), included)) {
            sql.update("UPDATE sis_course SET included = ? WHERE district_id = ? AND sourced_id = ?", included, districtId, sourcedId);
            CourseView after = require(districtId, sourcedId);
            audit.record(districtId, "course.choice-changed", "course", sourcedId, choiceState(before), choiceState(after));
            return after;
        }
        return before;
    }

    public SelectionResult select(UUID districtId, CourseSelection request) {
        District.require(districtId);
        List<String> include = SelectionRequests.clean(request.include());
        List<String> exclude = SelectionRequests.clean(request.exclude());
        List<String> clear = SelectionRequests.clean(request.clear());
        SelectionRequests.requireOneForm(include, exclude, clear, request.all(), request.included() != null, true);
        Map<String, Object> auditRequest = new LinkedHashMap<>();
        long changed;
        if (Boolean.TRUE.equals(request.all())) {
            StringBuilder where = new StringBuilder(" WHERE c.district_id = ? AND c.included IS DISTINCT FROM ? AND").append(VISIBLE);
            // ArrayList, not List.of: included may be null (clear the explicit choice).
            List<Object> params = new ArrayList<>();
            params.add(request.included());
            params.add(districtId);
            params.add(request.included());
            appendSearch(where, params, request.search());
            if (request.school() != null && !request.school().isBlank()) {
                where.append(" AND c.school_sourced_id = ?");
                params.add(request.school().trim());
            }
            changed = sql.update("UPDATE sis_course c SET included = ?" + where, params.toArray());
            auditRequest.put("all", true);
            auditRequest.put("included", request.included());
            auditRequest.put("search", request.search());
            auditRequest.put("school", request.school());
        } else {
            List<String> bothCleared = new ArrayList<>(clear);
            bothCleared.retainAll(union(include, exclude));
            if (!bothCleared.isEmpty()) {
                throw ProblemException.invalid("clear", "listed to clear and to include or exclude at once: "
                        + SelectionRequests.preview(bothCleared));
            }
            requireKnown(districtId, "include", include);
            requireKnown(districtId, "exclude", exclude);
            requireKnown(districtId, "clear", clear);
            String update = "UPDATE sis_course SET included = ? WHERE district_id = ? AND sourced_id = ANY(?) AND included IS DISTINCT FROM ?";
            changed = sql.update(update, true, districtId, include.toArray(String[]::new), true)
                    + sql.update(update, false, districtId, exclude.toArray(String[]::new), false)
                    + sql.update(update, null, districtId, clear.toArray(String[]::new), null);
            auditRequest.put("include", include);
            auditRequest.put("exclude", exclude);
            auditRequest.put("clear", clear);
        }
        long includedTotal = effectivelyIncludedCount(districtId);
        if (changed > 0) {
            audit.record(districtId, "course.selection-changed", "course", null, auditRequest,
                    Map.of("changed", changed, "effectivelyIncludedTotal", includedTotal));
        }
        return new SelectionResult(changed, includedTotal);
    }

    public List<CourseRuleView> rules(UUID districtId) {
        District.require(districtId);
        return sql.list("""
                SELECT r.id, r.match_field, r.pattern, r.effect, r.created_at,
                       (SELECT count(*) FROM sis_course c WHERE c.district_id = r.district_id
                          AND course_rule_matches(r.match_field, r.pattern, c.title, c.course_code, c.subjects)) AS matching
                FROM course_rule r WHERE r.district_id = ? ORDER BY r.id""", CourseService::ruleView, districtId);
    }

    public CourseRuleView addRule(UUID districtId, CourseRuleCreate request) {
        District.require(districtId);
        String pattern = request.pattern().trim();
        if (pattern.chars().allMatch(ch -> ch == '*') && request.effect() == RuleEffect.INCLUDE) {
            // A bare * includes every course of every included school, including study halls and lunch; say so.
            throw ProblemException.invalid("pattern", "a pattern of only * would include every course; choose courses or narrow the pattern");
        }
        if (sql.count("SELECT count(*) FROM course_rule WHERE district_id = ? AND match_field = ? AND lower(pattern) = lower(?) AND effect = ?",
                districtId, request.matchField(), pattern, request.effect()) > 0) {
            throw ProblemException.conflict("The same rule already exists.");
        }
        long id = sql.one("INSERT INTO course_rule (district_id, match_field, pattern, effect) VALUES (?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), districtId, request.matchField(), pattern, request.effect()).orElseThrow();
        CourseRuleView created = rule(districtId, id);
        audit.record(districtId, "course-rule.created", "course_rule", id, null, created);
        return created;
    }

    public void deleteRule(UUID districtId, String ruleId) {
        District.require(districtId);
        long id = parseRuleId(ruleId);
        CourseRuleView before = rule(districtId, id);
        sql.update("DELETE FROM course_rule WHERE district_id = ? AND id = ?", districtId, id);
        audit.record(districtId, "course-rule.deleted", "course_rule", id, before, null);
    }

    public long effectivelyIncludedCount(UUID districtId) {
        return sql.count("SELECT count(*) FROM v_included_course WHERE district_id = ?", districtId);
    }

    /** Counts for the checklist: included courses, of them included by a rule. */
    public Map<String, Long> inclusionCounts(UUID districtId) {
        Map<String, Long> counts = new HashMap<>();
        sql.list("SELECT reason, count(*) FROM v_course_inclusion WHERE district_id = ? GROUP BY reason",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), districtId);
        return counts;
    }

    private CourseRuleView rule(UUID districtId, long id) {
        return sql.one("""
                SELECT r.id, r.match_field, r.pattern, r.effect, r.created_at,
                       (SELECT count(*) FROM sis_course c WHERE c.district_id = r.district_id
                          AND course_rule_matches(r.match_field, r.pattern, c.title, c.course_code, c.subjects)) AS matching
                FROM course_rule r WHERE r.district_id = ? AND r.id = ?""", CourseService::ruleView, districtId, id)
                .orElseThrow(() -> ProblemException.notFound("Course rule " + id));
    }

    private static long parseRuleId(String ruleId) {
        try {
            return Long.parseLong(ruleId);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("Course rule " + ruleId);
        }
    }

    private void requireKnown(UUID districtId, String field, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> unknown = sql.list("SELECT id FROM unnest(?::text[]) AS t(id) WHERE NOT EXISTS "
                        + "(SELECT 1 FROM sis_course c WHERE c.district_id = ? AND c.sourced_id = t.id) ORDER BY id",
                rs -> rs.getString(1), ids.toArray(String[]::new), districtId);
        if (!unknown.isEmpty()) {
            throw SelectionRequests.unknown(field, "courses", unknown);
        }
    }

    private CourseView require(UUID districtId, String sourcedId) {
        return sql.one(SELECT + " WHERE c.district_id = ? AND c.sourced_id = ?", CourseService::view, districtId, sourcedId)
                .orElseThrow(() -> ProblemException.notFound("Course " + sourcedId));
    }

    private static void appendSearch(StringBuilder where, List<Object> params, String search) {
        if (search != null && !search.isBlank()) {
            where.append(" AND (lower(c.title) LIKE ? OR lower(coalesce(c.course_code, '')) LIKE ? OR lower(c.sourced_id) = ?)");
            String pattern = SelectionRequests.containsPattern(search);
            params.add(pattern);
            params.add(pattern);
            params.add(search.trim().toLowerCase());
        }
    }

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, Object> choiceState(CourseView v) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("explicitChoice", v.explicitChoice());
        state.put("effectivelyIncluded", v.effectivelyIncluded());
        state.put("reason", v.reason());
        return state;
    }

    private static CourseView view(ResultSet rs) throws SQLException {
        long ruleId = rs.getLong("rule_id");
        Long rule = rs.wasNull() ? null : ruleId;
        java.sql.Array products = rs.getArray("product_ids");
        List<UUID> productIds = products == null ? List.of() : Arrays.stream((Object[]) products.getArray()).map(o -> (UUID) o).toList();
        return new CourseView(rs.getString("sourced_id"), rs.getString("school_sourced_id"), rs.getString("title"),
                rs.getString("course_code"), List.of(SqlRunner.textArray(rs, "subjects")), List.of(SqlRunner.textArray(rs, "grades")),
                rs.getString("status"), SqlRunner.nullableBoolean(rs, "explicit_choice"), rs.getBoolean("effectively_included"),
                InclusionReason.valueOf(rs.getString("reason")), rule, productIds);
    }

    private static CourseRuleView ruleView(ResultSet rs) throws SQLException {
        return new CourseRuleView(rs.getLong("id"), MatchField.valueOf(rs.getString("match_field")), rs.getString("pattern"),
                RuleEffect.valueOf(rs.getString("effect")), rs.getLong("matching"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
