package io.rosterline.api.safety;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.district.District;
import io.rosterline.api.sync.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class SafetySettingsService {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditTrail audit;
    @Inject
    io.rosterline.api.sync.SyncConfig syncConfig;

    public SafetySettings get(UUID districtId) {
        District.require(districtId);
        try (Connection c = dataSource.getConnection()) {
            return load(c, districtId).withStandardOrder(syncConfig.matchOrder());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public SafetySettings put(UUID districtId, SafetySettings settings) {
        District.require(districtId);
        if (settings.rolloverStart() != null && settings.rolloverEnd() != null && settings.rolloverEnd().isBefore(settings.rolloverStart())) {
            throw ProblemException.invalid("rolloverEnd", "the rollover window must end on or after its start");
        }
        if (settings.accountMatchOrder() != null) {
            String problem = io.rosterline.api.accounts.AccountMatcher.problem(settings.accountMatchOrder());
            if (problem != null) {
                int colon = problem.indexOf(':');
                boolean indexed = colon > 0 && problem.substring(0, colon).chars().allMatch(Character::isDigit);
                throw ProblemException.invalid(indexed ? "accountMatchOrder[" + problem.substring(0, colon) + "]" : "accountMatchOrder",
                        indexed ? problem.substring(colon + 1) : problem);
            }
        }
        if ((settings.rolloverStart() == null) != (settings.rolloverEnd() == null)) {
            throw ProblemException.invalid(settings.rolloverStart() == null ? "rolloverStart" : "rolloverEnd",
                    "give both the start and the end of the rollover window, or neither");
        }
        try (Connection c = dataSource.getConnection()) {
            SafetySettings before = load(c, districtId);
            Jdbc.update(c, """
                    INSERT INTO safety_settings (district_id, user_removal_percent, user_removal_min_count, enrollment_removal_percent,
                        enrollment_removal_min_count, license_removal_percent, license_removal_min_count, min_class_size,
                        rollover_start, rollover_end, rollover_removal_percent, apply_additions_while_held, min_source_percent,
                        notification_email, shadow_nightly, school_user_removal_percent, school_user_removal_min_count,
                        school_enrollment_removal_percent, school_enrollment_removal_min_count, license_grace_days, account_match_order,
                        updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                    ON CONFLICT (district_id) DO UPDATE SET user_removal_percent = EXCLUDED.user_removal_percent,
                        user_removal_min_count = EXCLUDED.user_removal_min_count, enrollment_removal_percent = EXCLUDED.enrollment_removal_percent,
                        enrollment_removal_min_count = EXCLUDED.enrollment_removal_min_count, license_removal_percent = EXCLUDED.license_removal_percent,
                        license_removal_min_count = EXCLUDED.license_removal_min_count, min_class_size = EXCLUDED.min_class_size,
                        rollover_start = EXCLUDED.rollover_start, rollover_end = EXCLUDED.rollover_end,
                        rollover_removal_percent = EXCLUDED.rollover_removal_percent,
                        apply_additions_while_held = EXCLUDED.apply_additions_while_held, min_source_percent = EXCLUDED.min_source_percent,
                        notification_email = EXCLUDED.notification_email, shadow_nightly = EXCLUDED.shadow_nightly,
                        school_user_removal_percent = EXCLUDED.school_user_removal_percent,
                        school_user_removal_min_count = EXCLUDED.school_user_removal_min_count,
                        school_enrollment_removal_percent = EXCLUDED.school_enrollment_removal_percent,
                        school_enrollment_removal_min_count = EXCLUDED.school_enrollment_removal_min_count,
                        license_grace_days = EXCLUDED.license_grace_days, account_match_order = EXCLUDED.account_match_order,
                        updated_at = now()""",
                    districtId, settings.userRemovalPercent(), settings.userRemovalMinCount(), settings.enrollmentRemovalPercent(),
                    settings.enrollmentRemovalMinCount(), settings.licenseRemovalPercent(), settings.licenseRemovalMinCount(),
                    settings.minClassSize(), settings.rolloverStart(), settings.rolloverEnd(), settings.rolloverRemovalPercent(),
                    settings.applyAdditionsWhileHeld(), settings.minSourcePercent(), blankToNull(settings.notificationEmail()),
                    Boolean.TRUE.equals(settings.shadowNightly()), settings.schoolUserRemovalPercent(),
                    settings.schoolUserRemovalMinCount(), settings.schoolEnrollmentRemovalPercent(),
                    settings.schoolEnrollmentRemovalMinCount(), settings.licenseGraceDays() == null ? 0 : settings.licenseGraceDays(),
                    settings.accountMatchOrder() == null ? null : c.createArrayOf("text", settings.accountMatchOrder().toArray()));
            SafetySettings after = load(c, districtId);
            audit.record(districtId, "safety-settings.updated", "safety_settings", districtId, before, after);
            return after.withStandardOrder(syncConfig.matchOrder());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The district's settings, or the defaults when it never saved any. */
    static SafetySettings load(Connection c, UUID districtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT user_removal_percent, user_removal_min_count, enrollment_removal_percent, enrollment_removal_min_count,
                       license_removal_percent, license_removal_min_count, min_class_size, rollover_start, rollover_end,
                       rollover_removal_percent, apply_additions_while_held, min_source_percent, notification_email, shadow_nightly,
                       school_user_removal_percent, school_user_removal_min_count, school_enrollment_removal_percent,
                       school_enrollment_removal_min_count, license_grace_days, account_match_order
                FROM safety_settings WHERE district_id = ?""")) {
            ps.setObject(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return SafetySettings.defaults();
                }
                return new SafetySettings(plain(rs.getBigDecimal(1)), rs.getInt(2), plain(rs.getBigDecimal(3)),
                        rs.getInt(4), plain(rs.getBigDecimal(5)), rs.getInt(6), rs.getInt(7),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), plain(rs.getBigDecimal(10)),
                        rs.getBoolean(11), plain(rs.getBigDecimal(12)), rs.getString(13), rs.getBoolean(14),
                        plain(rs.getBigDecimal(15)), (Integer) rs.getObject(16), plain(rs.getBigDecimal(17)), (Integer) rs.getObject(18), rs.getInt(19),
                        rs.getArray(20) == null ? null : java.util.List.of((String[]) rs.getArray(20).getArray()), null);
            }
        }
    }

    /** 10.00 reads back as 10, not 1E+1. */
    private static java.math.BigDecimal plain(java.math.BigDecimal value) {
        if (value == null) {
            return null;
        }
        return new java.math.BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
