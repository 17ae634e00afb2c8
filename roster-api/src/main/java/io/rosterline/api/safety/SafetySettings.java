package io.rosterline.api.safety;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A district's safety net: a run that would remove more than {@code percent} AND at least {@code minCount} of a record
 * type (district-wide, or within one school) is held. Classes with fewer than {@code minClassSize} students are left
 * out of the school-level judgement, so a tiny class emptying out cannot hold a run. The school-level thresholds
 * ({@code school*}) are set apart from the district-wide ones; null means the district-wide value applies. Inside the
 * rollover window every percentage is relaxed to {@code rolloverRemovalPercent}. {@code licenseGraceDays} keeps a license
 * the sync removes usable for that many days.
 */
@Schema(name = "SafetySettings", example = """
        {"userRemovalPercent":10,"userRemovalMinCount":50,"enrollmentRemovalPercent":10,"enrollmentRemovalMinCount":50,
         "licenseRemovalPercent":10,"licenseRemovalMinCount":50,"minClassSize":5,"rolloverStart":"2027-06-15",
         "rolloverEnd":"2027-08-31","rolloverRemovalPercent":60,"applyAdditionsWhileHeld":true,"minSourcePercent":50,
         "notificationEmail":"rostering@harbor.k12.example","shadowNightly":false,"schoolUserRemovalPercent":25,
         "schoolUserRemovalMinCount":20,"schoolEnrollmentRemovalPercent":25,"schoolEnrollmentRemovalMinCount":20,"licenseGraceDays":7,
         "accountMatchOrder":["SOURCED_ID","IDENTIFIER","EMAIL","LOGIN"],
         "standardAccountMatchOrder":["SOURCED_ID","IDENTIFIER","EMAIL","LOGIN"]}""")
public record SafetySettings(
        @NotNull(message = "give the share of users a run may remove") @DecimalMin(value = "0", message = "must be 0 or more") @DecimalMax(value = "100", message = "must be at most 100") BigDecimal userRemovalPercent,
        @NotNull(message = "give the number of users a run may remove before the percentage counts") @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000_000, message = "must be at most 10000000") Integer userRemovalMinCount,
        @NotNull(message = "give the share of enrollments a run may remove") @DecimalMin(value = "0", message = "must be 0 or more") @DecimalMax(value = "100", message = "must be at most 100") BigDecimal enrollmentRemovalPercent,
        @NotNull(message = "give the number of enrollments a run may remove before the percentage counts") @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000_000, message = "must be at most 10000000") Integer enrollmentRemovalMinCount,
        @NotNull(message = "give the share of license assignments a run may remove") @DecimalMin(value = "0", message = "must be 0 or more") @DecimalMax(value = "100", message = "must be at most 100") BigDecimal licenseRemovalPercent,
        @NotNull(message = "give the number of license assignments a run may remove before the percentage counts") @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000_000, message = "must be at most 10000000") Integer licenseRemovalMinCount,
        @NotNull(message = "give the smallest class (in students) that is judged") @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000, message = "must be at most 10000") Integer minClassSize,
        LocalDate rolloverStart,
        LocalDate rolloverEnd,
        @NotNull(message = "give the share a run may remove inside the rollover window") @DecimalMin(value = "0", message = "must be 0 or more") @DecimalMax(value = "100", message = "must be at most 100") BigDecimal rolloverRemovalPercent,
        @NotNull(message = "say whether safe additions are applied while a run is held") Boolean applyAdditionsWhileHeld,
        @NotNull(message = "give the smallest share of the last good run a source may shrink to") @DecimalMin(value = "0", message = "must be 0 or more") @DecimalMax(value = "100", message = "must be at most 100") BigDecimal minSourcePercent,
        @Email(message = "must be an email address") @Size(max = 320, message = "must be at most 320 characters") String notificationEmail,
        /** A district in SETUP gets nightly dry runs (plan computed, never applied); absent means false. */
        Boolean shadowNightly,
        @Schema(nullable = true, description = "Share of a school's users a run may remove; null: userRemovalPercent applies")
        @DecimalMin(value = "0", message = "must be 0 or more") @DecimalMax(value = "100", message = "must be at most 100") BigDecimal schoolUserRemovalPercent,
        @Schema(nullable = true, description = "Users of one school a run may remove before the percentage counts; null: userRemovalMinCount applies")
        @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000_000, message = "must be at most 10000000") Integer schoolUserRemovalMinCount,
        @Schema(nullable = true, description = "Share of a school's enrollments a run may remove; null: enrollmentRemovalPercent applies")
        @DecimalMin(value = "0", message = "must be 0 or more") @DecimalMax(value = "100", message = "must be at most 100") BigDecimal schoolEnrollmentRemovalPercent,
        @Schema(nullable = true, description = "Enrollments of one school a run may remove before the percentage counts; null: enrollmentRemovalMinCount applies")
        @Min(value = 0, message = "must be 0 or more") @Max(value = 10_000_000, message = "must be at most 10000000") Integer schoolEnrollmentRemovalMinCount,
        @Schema(nullable = true, description = "Days a license the sync removes stays usable (its seat stays taken until then); "
                + "re-enrollment inside the period restores it. Absent or null: 0, removed at once.")
        @Min(value = 0, message = "must be 0 or more") @Max(value = 365, message = "must be at most 365") Integer licenseGraceDays,
        @Schema(nullable = true, description = "The order in which an incoming person is matched to an existing account: SOURCED_ID "
                + "(first when named), IDENTIFIER (the SIS identifier, e.g. the student number), EMAIL, LOGIN. Null: the deployment's "
                + "order (rosterline.sync.match-order, default SOURCED_ID, IDENTIFIER, EMAIL, LOGIN).")
        @Size(max = 4, message = "name each rule at most once") java.util.List<String> accountMatchOrder,
        @Schema(readOnly = true, description = "The deployment's order (rosterline.sync.match-order), which applies while "
                + "accountMatchOrder is null. Answered by roster-api; ignored in a PUT.")
        java.util.List<String> standardAccountMatchOrder) {

    public static SafetySettings defaults() {
        return new SafetySettings(BigDecimal.TEN, 50, BigDecimal.TEN, 50, BigDecimal.TEN, 50, 5, null, null,
                BigDecimal.valueOf(60), false, BigDecimal.valueOf(50), null, false, null, null, null, null, 0, null, null);
    }

    /** These settings as answered to a client: with the deployment's standard order, which is not stored per district. */
    SafetySettings withStandardOrder(java.util.List<String> standard) {
        return new SafetySettings(userRemovalPercent, userRemovalMinCount, enrollmentRemovalPercent, enrollmentRemovalMinCount,
                licenseRemovalPercent, licenseRemovalMinCount, minClassSize, rolloverStart, rolloverEnd, rolloverRemovalPercent,
                applyAdditionsWhileHeld, minSourcePercent, notificationEmail, shadowNightly, schoolUserRemovalPercent,
                schoolUserRemovalMinCount, schoolEnrollmentRemovalPercent, schoolEnrollmentRemovalMinCount, licenseGraceDays,
                accountMatchOrder, standard == null ? null : java.util.List.copyOf(standard));
    }

    /** The school-level thresholds in force: the school's own, else the district-wide ones. */
    public BigDecimal effectiveSchoolUserPercent() {
        return schoolUserRemovalPercent != null ? schoolUserRemovalPercent : userRemovalPercent;
    }

    public int effectiveSchoolUserMinCount() {
        return schoolUserRemovalMinCount != null ? schoolUserRemovalMinCount : userRemovalMinCount;
    }

    public BigDecimal effectiveSchoolEnrollmentPercent() {
        return schoolEnrollmentRemovalPercent != null ? schoolEnrollmentRemovalPercent : enrollmentRemovalPercent;
    }

    public int effectiveSchoolEnrollmentMinCount() {
        return schoolEnrollmentRemovalMinCount != null ? schoolEnrollmentRemovalMinCount : enrollmentRemovalMinCount;
    }

    public boolean inRollover(LocalDate today) {
        return rolloverStart != null && rolloverEnd != null && !today.isBefore(rolloverStart) && !today.isAfter(rolloverEnd);
    }
}
