package io.rosterline.api.terms;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.Problem;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.terms.TermDtos.TermOverride;
import io.rosterline.api.terms.TermDtos.TermView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SIS's academic sessions with the admin's date adjustments (sis_academic_session). */
@ApplicationScoped
@Transactional
public class TermService {

    private static final String SELECT = """
            SELECT sourced_id, title, session_type, start_date, end_date, parent_sourced_id, override_start, freeze_end
            FROM sis_academic_session""";

    @Inject
    SqlRunner sql;
    @Inject
    AuditTrail audit;
    @Inject
    Clock clock;

    private record Row(String sourcedId, String title, String type, LocalDate startDate, LocalDate endDate,
                       String parentSourcedId, LocalDate overrideStart, LocalDate freezeEnd) {
    }

    public List<TermView> list(UUID districtId) {
        District district = District.require(districtId);
        LocalDate today = today(district);
        return rows(districtId).stream().map(r -> view(r, today)).toList();
    }

    public TermView override(UUID districtId, String sourcedId, TermOverride request) {
        District district = District.require(districtId);
        Row before = require(districtId, sourcedId);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.overrideStart() != null && !request.overrideStart().isBefore(before.endDate())) {
            errors.add(new Problem.FieldError("overrideStart", "must be before the term ends on " + before.endDate()));
        }
        if (request.freezeEnd() != null && !request.freezeEnd().isAfter(before.startDate())) {
            errors.add(new Problem.FieldError("freezeEnd", "must be after the term starts on " + before.startDate()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "Check the highlighted fields and try again.", errors);
        }
        sql.update("UPDATE sis_academic_session SET override_start = ?, freeze_end = ? WHERE district_id = ? AND sourced_id = ?",
                request.overrideStart(), request.freezeEnd(), districtId, sourcedId);
        Row after = require(districtId, sourcedId);
        if (!before.equals(after)) {
            audit.record(districtId, "term.dates-changed", "academic_session", sourcedId, dates(before), dates(after));
        }
        return view(after, today(district));
    }

    public long count(UUID districtId) {
        return sql.count("SELECT count(*) FROM sis_academic_session WHERE district_id = ?", districtId);
    }

    public long adjustedCount(UUID districtId) {
        return sql.count("SELECT count(*) FROM sis_academic_session WHERE district_id = ? "
                + "AND (override_start IS NOT NULL OR freeze_end IS NOT NULL)", districtId);
    }

    /** Warnings for override start dates that have passed but are still set, in term order. */
    public List<String> staleOverrideWarnings(District district) {
        LocalDate today = today(district);
        return sql.list(SELECT + " WHERE district_id = ? AND override_start < ?::date ORDER BY start_date, end_date DESC, sourced_id",
                TermService::row, district.id, today).stream().map(TermService::staleWarning).toList();
    }

    LocalDate today(District district) {
        return LocalDate.now(clock.withZone(ZoneId.of(district.timezone)));
    }

    private List<Row> rows(UUID districtId) {
        return sql.list(SELECT + " WHERE district_id = ? ORDER BY start_date, end_date DESC, lower(title), sourced_id", TermService::row, districtId);
    }

    private Row require(UUID districtId, String sourcedId) {
        return sql.one(SELECT + " WHERE district_id = ? AND sourced_id = ?", TermService::row, districtId, sourcedId)
                .orElseThrow(() -> ProblemException.notFound("Term " + sourcedId));
    }

    private static TermView view(Row r, LocalDate today) {
        List<String> warnings = new ArrayList<>();
        if (r.overrideStart() != null && r.overrideStart().isBefore(today)) {
            warnings.add(staleWarning(r));
        }
        LocalDate effectiveStart = r.overrideStart() != null ? r.overrideStart() : r.startDate();
        LocalDate effectiveEnd = r.freezeEnd() != null && r.freezeEnd().isAfter(r.endDate()) ? r.freezeEnd() : r.endDate();
        return new TermView(r.sourcedId(), r.title(), r.type(), r.startDate(), r.endDate(), r.parentSourcedId(),
                r.overrideStart(), r.freezeEnd(), effectiveStart, effectiveEnd, warnings);
    }

    private static String staleWarning(Row r) {
        return "Override start date for " + r.title() + " passed on " + r.overrideStart() + "; remove it";
    }

    private static Map<String, Object> dates(Row r) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("overrideStart", r.overrideStart());
        state.put("freezeEnd", r.freezeEnd());
        return state;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("sourced_id"), rs.getString("title"), rs.getString("session_type"),
                SqlRunner.date(rs, "start_date"), SqlRunner.date(rs, "end_date"), rs.getString("parent_sourced_id"),
                SqlRunner.date(rs, "override_start"), SqlRunner.date(rs, "freeze_end"));
    }
}
