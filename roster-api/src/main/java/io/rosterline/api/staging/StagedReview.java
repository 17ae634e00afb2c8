package io.rosterline.api.staging;

import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.checklist.ChecklistContributor;
import io.rosterline.api.checklist.ChecklistStep;
import io.rosterline.api.checklist.StepStatus;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.district.District;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.sftp.SftpAccountService;
import io.rosterline.api.sftp.UploadService;
import io.rosterline.api.sync.RunReader;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The checklist's "Import and review" step: a manual import is run, its staged data and license plan reviewed. An
 * admin says so by marking the run reviewed, or by applying it (Sync Licenses on a staged run is a review too).
 */
@ApplicationScoped
@Transactional
public class StagedReview implements ChecklistContributor {

    /** Runs that read the district's source (restores and shadow runs do not count here). */
    private static final String READ_RUNS = "kind IN ('MANUAL_IMPORT', 'SYNC_LICENSES', 'RESYNC', 'NIGHTLY')";

    @Inject
    SqlRunner sql;
    @Inject
    RunReader reader;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    Clock clock;
    @Inject
    UploadService uploads;
    @Inject
    SftpAccountService sftp;

    /** Marks a staged (or applied) run's data and plan reviewed; marking it again changes nothing. */
    public RunView markReviewed(UUID districtId, UUID runId) {
        District.require(districtId);
        String status = sql.one("SELECT status FROM sync_run WHERE id = ? AND district_id = ? AND " + READ_RUNS + " FOR UPDATE",
                rs -> rs.getString(1), runId, districtId)
                .orElseThrow(() -> ProblemException.notFound("Run " + runId));
        if (!status.equals("STAGED") && !status.equals("HELD") && !status.equals("APPLIED")) {
            throw ProblemException.conflict("Only a staged or applied run can be marked reviewed; this run is "
                    + status.toLowerCase() + ".");
        }
        if (sql.update("UPDATE sync_run SET reviewed_at = ?, reviewed_by = ? WHERE id = ? AND reviewed_at IS NULL",
                java.sql.Timestamp.from(clock.instant()), currentUser.actor(), runId) > 0) {
            audit.record(districtId, "run.reviewed", "sync_run", runId, null, Map.of("runId", runId.toString(), "status", status));
        }
        return reader.get(districtId, runId);
    }

    @Override
    public ChecklistStep step() {
        return ChecklistStep.STAGED_REVIEW;
    }

    private record Run(String kind, String status, String error, OffsetDateTime createdAt, Long classes, Long people) {
    }

    private static final String RUN_COLUMNS = "kind, status, error, created_at, (counts -> 'classes' ->> 'total')::bigint, "
            + "(counts -> 'users' ->> 'total')::bigint";

    @Override
    public StepStatus evaluate(District district) {
        if (district.platform.sendsFiles() && uploads.latestAcceptedUploadInfo(district.id).isEmpty()) {
            return StepStatus.notStarted("No accepted OneRoster CSV upload yet, so there is nothing to import",
                    sftp.uploadInstruction(district.id));
        }
        Optional<Run> reviewed = sql.one("SELECT " + RUN_COLUMNS + " FROM sync_run WHERE district_id = ? AND " + READ_RUNS
                + " AND (reviewed_at IS NOT NULL OR (kind = 'MANUAL_IMPORT' AND status = 'APPLIED')) "
                + "ORDER BY created_at DESC LIMIT 1", StagedReview::run, district.id);
        if (reviewed.isPresent()) {
            return StepStatus.done("Import of " + reviewed.get().createdAt().atZoneSameInstant(java.time.ZoneId.of(district.timezone))
                    .toLocalDate() + " reviewed" + sizes(reviewed.get()));
        }
        Optional<Run> latest = sql.one("SELECT " + RUN_COLUMNS + " FROM sync_run WHERE district_id = ? AND " + READ_RUNS
                + " ORDER BY created_at DESC LIMIT 1", StagedReview::run, district.id);
        if (latest.isEmpty()) {
            return StepStatus.notStarted("No manual import yet", ChecklistStep.STAGED_REVIEW.firstAction);
        }
        Run run = latest.get();
        String what = run.kind().equals("MANUAL_IMPORT") ? "The manual import" : "The " + run.kind().toLowerCase().replace('_', ' ') + " run";
        return switch (run.status()) {
            case "QUEUED" -> StepStatus.notStarted(what + " is waiting for a worker", "Wait for the import to finish");
            case "RUNNING" -> StepStatus.notStarted(what + " is running", "Wait for the import to finish");
            case "STAGED", "HELD" -> StepStatus.needsAttention(what + " is staged" + sizes(run) + "; review it",
                    "Review the staged data and the license plan, then mark the run reviewed or press Sync Licenses");
            case "FAILED" -> StepStatus.needsAttention(what + " failed: " + run.error(), "Fix the cause and run a manual import again");
            default -> StepStatus.notStarted(what + " was " + run.status().toLowerCase() + "; nothing was reviewed",
                    "Run a manual import and review it");
        };
    }

    private static String sizes(Run run) {
        return run.classes() == null ? "" : " (" + run.classes() + " classes, " + run.people() + " people)";
    }

    private static Run run(java.sql.ResultSet rs) throws java.sql.SQLException {
        long classes = rs.getLong(5);
        Long c = rs.wasNull() ? null : classes;
        long people = rs.getLong(6);
        Long p = rs.wasNull() ? null : people;
        return new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class), c, p);
    }
}
