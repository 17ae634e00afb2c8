package io.rosterline.api.staging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.district.District;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.sync.Jdbc;
import io.rosterline.api.sync.RunKind;
import io.rosterline.api.sync.RunQueue;
import io.rosterline.api.sync.RunQueue.HeldRun;
import io.rosterline.api.sync.RunReader;
import io.rosterline.api.sync.SyncConfig;
import io.rosterline.api.sync.SyncDtos.CompleteRequest;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * The end of a run: the worker completes it (the run is staged; nightly, SYNC_LICENSES and RESYNC runs are applied
 * in the same transaction), or an admin applies a staged run after reviewing it. The plan of a staged run is the
 * apply, rolled back.
 */
@ApplicationScoped
@Transactional
public class RunCompletion {

    private static final Logger LOG = Logger.getLogger(RunCompletion.class);
    /** How many people each list of a stored report keeps; the live plan can ask for more. */
    static final int STORED_PEOPLE = 50;
    /**
     * Seconds a completion or a plan may take in its one transaction. The default of 60 s aborted the completion of a
     * 1M-enrollment run on a busy 2-core machine (benchmarks/run load: ~20 s alone, over 60 s with 50 admins browsing);
     * 300 s matches how long the worker waits for the answer (its read timeout). Not on {@link #apply}: an approved hold
     * calls it inside its own transaction, where Quarkus refuses a new timeout.
     */
    static final int APPLY_TIMEOUT_SECONDS = 300;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RunQueue queue;
    @Inject
    RunReader reader;
    @Inject
    Clock clock;
    @Inject
    SyncConfig config;
    @Inject
    ObjectMapper objectMapper;
    @Inject
    CurrentUser currentUser;
    @Inject
    AuditTrail audit;
    @Inject
    io.rosterline.api.safety.SafetyGate safetyGate;
    @Inject
    io.rosterline.api.safety.RestoreService safetyRestores;
    @Inject
    jakarta.enterprise.event.Event<RunCompleted> runCompleted;

    @TransactionConfiguration(timeout = APPLY_TIMEOUT_SECONDS)
    public RunView complete(UUID runId, UUID leaseToken, CompleteRequest request) {
        UUID districtId;
        try (Connection c = dataSource.getConnection()) {
            UUID alreadyCompleted = queue.completedWith(c, runId, leaseToken);
            if (alreadyCompleted != null) {
                return reader.get(alreadyCompleted, runId); // a repeat whose first answer was lost: done already
            }
            HeldRun run = queue.requireLease(c, runId, leaseToken);
            districtId = run.districtId();
            // Counting, judging and applying hash and group every enrollment of the district: room in memory for this
            // transaction's joins instead of spilling them to disk (PostgreSQL's default is 4 MB per operation).
            Jdbc.update(c, "SET LOCAL work_mem = '64MB'");
            StagingService.refreshStatistics(c, runId);
            if (run.kind() == RunKind.RESYNC) {
                StagingService.reduceFullReadToDifferences(c, runId, districtId);
                // The reduction rewrote the staged rows: what the judgement and the apply read is much smaller now.
                for (RosterTable table : RosterTable.values()) {
                    Jdbc.analyze(c, table.staged);
                }
            }
            Map<String, Map<String, Long>> counts = StagingService.countDifferences(c, runId, districtId);
            Instant now = clock.instant();
            Jdbc.update(c, """
                    UPDATE sync_run SET status = 'STAGED', staged_at = ?, finished_at = ?, counts = ?::jsonb, read_report = ?::jsonb,
                           completed_lease_token = lease_token, lease_token = NULL, lease_expires_at = NULL
                    WHERE id = ?""", now, now, json(counts), readReportJson(request), runId);
            // Fail-safe checks may fail the run; removal thresholds may hold it. The apply runs once, in a savepoint:
            // if what it would remove crosses a threshold it is rolled back and the run is held for an admin.
            io.rosterline.api.safety.SafetyGate.Admission admission = safetyGate.admit(c, districtId, runId, run.kind());
            if (admission.proceed() && run.kind().appliesOnCompletion()) {
                applyStaged(c, districtId, runId, run.kind() == RunKind.NIGHTLY ? "schedule" : "sync-worker", admission);
            }
            runCompleted.fire(new RunCompleted(districtId, runId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return reader.get(districtId, runId);
    }

    /** An admin pressed Sync Licenses on a staged run. */
    public RunView apply(UUID districtId, UUID runId) {
        try (Connection c = dataSource.getConnection()) {
            String status = lockRun(c, districtId, runId);
            if (!"STAGED".equals(status)) {
                throw ProblemException.conflict("Only a staged run can be applied; this run is " + status.toLowerCase() + ".");
            }
            applyStaged(c, districtId, runId, currentUser.actor(), null);
            audit.record(districtId, "run.applied", "sync_run", runId, null, Map.of("runId", runId.toString()));
            runCompleted.fire(new RunCompleted(districtId, runId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        RunView view = reader.get(districtId, runId);
        if (view.status() != io.rosterline.api.sync.RunStatus.APPLIED) {
            throw ProblemException.conflict("The roster changed since this run read it (a later run was applied), so it was "
                    + "not applied. Start a new import.");
        }
        return view;
    }

    /** Who would gain and lose which license if the run were applied now: the apply in a rolled-back transaction. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ApplyEngine.Report plan(UUID districtId, UUID runId, int listLimit) {
        RunView run = reader.get(districtId, runId);
        if (run.status() == io.rosterline.api.sync.RunStatus.APPLIED && run.applyReport() != null) {
            try {
                return objectMapper.treeToValue(run.applyReport(), ApplyEngine.Report.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (run.kind() == RunKind.RESTORE && run.status() == io.rosterline.api.sync.RunStatus.STAGED) {
            return safetyRestores.plan(districtId, runId, listLimit); // Safety seam (feat/safety): a restore's own plan.
        }
        if (run.status() != io.rosterline.api.sync.RunStatus.STAGED) {
            throw ProblemException.conflict("A plan exists for staged and applied runs; this run is "
                    + run.status().name().toLowerCase() + ".");
        }
        ApplyEngine.Report report;
        QuarkusTransaction.begin(QuarkusTransaction.beginOptions().timeout(APPLY_TIMEOUT_SECONDS));
        try (Connection c = dataSource.getConnection()) {
            lockRun(c, districtId, runId);
            requireFresh(c, districtId, runId);
            report = ApplyEngine.apply(c, districtId, runId, today(districtId), clock.instant(), "plan", config.matchOrder(), listLimit);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            // The plan is the apply, undone.
            QuarkusTransaction.rollback();
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                Jdbc.update(c, "UPDATE sync_run SET plan_summary = ?::jsonb WHERE id = ?", json(report.summary(STORED_PEOPLE)), runId);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return report;
    }

    private void requireFresh(Connection c, UUID districtId, UUID runId) throws SQLException {
        if (isStale(c, districtId, runId)) {
            throw ProblemException.conflict("The roster changed since this run read it (a later run was applied); start a new import.");
        }
    }

    private static boolean isStale(Connection c, UUID districtId, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM sync_run x WHERE x.district_id = r.district_id AND x.apply_seq > COALESCE(r.base_seq, 0))
                FROM sync_run r WHERE r.id = ?""")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static String lockRun(Connection c, UUID districtId, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM sync_run WHERE id = ? AND district_id = ? FOR UPDATE")) {
            ps.setObject(1, runId);
            ps.setObject(2, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Run " + runId);
                }
                return rs.getString(1);
            }
        }
    }

    /** @param admission the safety gate's verdict for a run applied on completion; null when an admin applies it. */
    private void applyStaged(Connection c, UUID districtId, UUID runId, String actor,
                             io.rosterline.api.safety.SafetyGate.Admission admission) throws SQLException {
        // Serialise with any other apply of this district before deciding whether this run is still current.
        Jdbc.lock(c, "SELECT 1 FROM district WHERE id = ? FOR UPDATE", districtId);
        Instant now = clock.instant();
        if (isStale(c, districtId, runId)) {
            LOG.infof("Run %s of district %s is superseded by a later applied run", runId, districtId);
            Jdbc.update(c, "UPDATE sync_run SET status = 'SUPERSEDED', finished_at = ?, error = ? WHERE id = ?", now,
                    "A later run was applied while this one was reading, so its differences no longer fit; it was not applied.", runId);
            StagedRuns.clear(c, runId);
            return;
        }
        boolean restore = safetyRestores.isRestore(c, runId);
        boolean guarded = admission != null && !restore;
        if (guarded) {
            // Plain SQL savepoint: the pooled connection is enlisted in the transaction and refuses rollback() calls.
            Jdbc.update(c, "SAVEPOINT guarded_apply");
            safetyGate.rememberRosteredLicenses(c, districtId);
        }
        // A RESTORE run puts back an earlier run's license assignments instead of re-allocating.
        ApplyEngine.Report report = restore ? safetyRestores.apply(c, districtId, runId, now, actor, STORED_PEOPLE)
                : ApplyEngine.apply(c, districtId, runId, today(districtId), now, actor, config.matchOrder(), STORED_PEOPLE);
        if (guarded) {
            java.util.List<io.rosterline.api.safety.SafetyGate.Finding> findings = safetyGate.judgeApplied(c, admission, report.unchangedSince() != null);
            if (!findings.isEmpty()) {
                Jdbc.update(c, "ROLLBACK TO SAVEPOINT guarded_apply");
                safetyGate.hold(c, districtId, runId, admission, findings);
                return;
            }
            Jdbc.update(c, "RELEASE SAVEPOINT guarded_apply");
        }
        Jdbc.update(c, """
                UPDATE sync_run SET status = 'APPLIED', applied_at = ?, finished_at = ?, applied_by = ?, apply_seq = nextval('sync_apply_seq'),
                       apply_report = ?::jsonb, plan_summary = ?::jsonb
                WHERE id = ?""", now, now, actor, json(report), json(report.summary(STORED_PEOPLE)), runId);
        StagedRuns.clear(c, runId);
        // Older staged runs were computed against a roster that no longer exists.
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE sync_run SET status = 'SUPERSEDED', error = 'A later run was applied first.'
                WHERE district_id = ? AND status = 'STAGED' AND id <> ? RETURNING id""")) {
            ps.setObject(1, districtId);
            ps.setObject(2, runId);
            java.util.List<UUID> superseded = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    superseded.add(rs.getObject(1, UUID.class));
                }
            }
            StagedRuns.clear(c, superseded);
        }
        LOG.infof("Applied run %s of district %s: %d gained, %d lost, %d without a seat", runId, districtId,
                report.gainsTotal(), report.lossesTotal(), report.unseatedTotal());
    }

    LocalDate today(UUID districtId) {
        District district = District.findById(districtId);
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(district.timezone));
    }

    /**
     * The connector's report quotes source records, and a SIS export may carry NUL characters, which PostgreSQL's jsonb
     * cannot hold: they are shown as U+FFFD rather than failing a run whose data was staged fine.
     */
    private String readReportJson(CompleteRequest request) {
        String report = json(request == null ? null : request.readReport());
        return report == null ? null : ESCAPED_NUL.matcher(report).replaceAll("$1\\\\ufffd");
    }

    /** A JSON escape \\u0000 (after an even number of backslashes, so not an escaped backslash followed by "u0000"). */
    private static final java.util.regex.Pattern ESCAPED_NUL = java.util.regex.Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private String json(Object value) {
        try {
            return value == null ? null : objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
