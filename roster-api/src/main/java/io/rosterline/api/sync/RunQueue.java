package io.rosterline.api.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.district.District;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.staging.StagedRuns;
import io.rosterline.api.sync.SyncDtos.Claim;
import io.rosterline.api.sync.SyncDtos.Heartbeat;
import io.rosterline.api.sync.SyncDtos.Lease;
import io.rosterline.api.sync.SyncDtos.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The work queue: manual requests and due nightly runs become QUEUED runs; workers claim them with a lease
 * (SELECT ... FOR UPDATE SKIP LOCKED) and keep it alive with heartbeats. A lease that expires puts the run back in the
 * queue with its staged rows removed, so the retry starts clean. The partial unique index on the RUNNING run of a
 * district guarantees that two workers never run one district at once, even when they race.
 */
@ApplicationScoped
@Transactional
public class RunQueue {

    private static final Logger LOG = Logger.getLogger(RunQueue.class);

    @Inject
    AgroalDataSource dataSource;
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
    RunReader reader;
    @Inject
    io.rosterline.api.sftp.UploadService uploads;
    @Inject
    io.rosterline.api.sftp.SftpAccountService sftp;
    @Inject
    io.rosterline.api.safety.ShadowRuns safetyShadowRuns;

    public RunView request(UUID districtId, RunKind kind) {
        if (kind == RunKind.NIGHTLY) {
            throw ProblemException.invalid("kind", "nightly runs are started by the schedule; choose MANUAL_IMPORT, SYNC_LICENSES or RESYNC");
        }
        if (kind == RunKind.RESTORE || kind == RunKind.SHADOW) { // feat/safety: restores start from the run; shadow runs from the schedule
            throw ProblemException.invalid("kind", kind == RunKind.RESTORE ? "a restore starts from the run to restore: POST .../runs/{runId}/restore"
                    : "shadow runs are started by the schedule for districts in shadow mode");
        }
        District district = District.require(districtId);
        if (district.archivedAt != null) {
            throw ProblemException.conflict("This district is archived; it does not sync any more.");
        }
        if (district.platform.sendsFiles() && uploads.latestAcceptedUploadInfo(districtId).isEmpty()) {
            throw ProblemException.conflict("There is no accepted OneRoster CSV upload to import yet. "
                    + sftp.uploadInstruction(districtId) + ", then start the import.");
        }
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            // Serialises two admins pressing the button at the same moment.
            Jdbc.lock(c, "SELECT 1 FROM district WHERE id = ? FOR UPDATE", districtId);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind FROM sync_run WHERE district_id = ? AND status IN ('QUEUED', 'RUNNING') LIMIT 1")) {
                ps.setObject(1, districtId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw ProblemException.conflict("A " + rs.getString(1).toLowerCase().replace('_', ' ')
                                + " run of this district is already waiting or running; wait for it to finish.");
                    }
                }
            }
            Jdbc.update(c, "INSERT INTO sync_run (id, district_id, kind, trigger_source, requested_by, status, created_at) "
                    + "VALUES (?, ?, ?, 'MANUAL', ?, 'QUEUED', ?)", id, districtId, kind.name(), currentUser.actor(), clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        audit.record(districtId, "run.requested", "sync_run", id, null, Map.of("kind", kind.name()));
        return reader.get(districtId, id);
    }

    /** Claims one due run for this worker, or nothing. Due nightly runs are queued first, expired leases released. */
    public Optional<Claim> claim(String workerId) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            enqueueDueNightlyRuns(c, now);
            safetyShadowRuns.enqueueDue(c, now); // feat/safety seam: nightly dry runs of SETUP districts in shadow mode
            releaseExpiredLeases(c, now);
            List<UUID> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id FROM sync_run r
                    WHERE r.status = 'QUEUED'
                      AND NOT EXISTS (SELECT 1 FROM sync_run x WHERE x.district_id = r.district_id AND x.status = 'RUNNING')
                    ORDER BY r.created_at, r.id
                    LIMIT 5
                    FOR UPDATE SKIP LOCKED""")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            for (UUID runId : candidates) {
                Optional<Claim> claim = tryClaim(c, runId, workerId, now);
                if (claim.isPresent()) {
                    return claim;
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<Claim> tryClaim(Connection c, UUID runId, String workerId, Instant now) throws SQLException {
        UUID token = UUID.randomUUID();
        Instant expires = now.plus(config.lease());
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE sync_run SET status = 'RUNNING', attempt = attempt + 1, worker_id = ?, lease_token = ?,
                       lease_expires_at = ?, started_at = ?, progress = '{}', error = NULL,
                       base_seq = (SELECT COALESCE(max(x.apply_seq), 0) FROM sync_run x WHERE x.district_id = sync_run.district_id)
                WHERE id = ? AND status = 'QUEUED'
                RETURNING district_id, kind, attempt""")) {
            Jdbc.bind(ps, workerId, token, expires, now, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    c.releaseSavepoint(savepoint);
                    return Optional.empty();
                }
                UUID districtId = rs.getObject(1, UUID.class);
                RunKind kind = RunKind.valueOf(rs.getString(2));
                int attempt = rs.getInt(3);
                c.releaseSavepoint(savepoint);
                StagedRuns.clear(c, runId);
                LOG.infof("Worker %s claimed run %s of district %s (%s, attempt %d)", workerId, runId, districtId, kind, attempt);
                return Optional.of(new Claim(runId, districtId, kind, token, expires, attempt, kind != RunKind.RESYNC));
            }
        } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
                // Another worker started this district a moment ago; leave the run queued.
                c.rollback(savepoint);
                return Optional.empty();
            }
            throw e;
        }
    }

    /** LIVE districts whose nightly window is open now in their time zone get one run per window (the window may cross midnight). */
    void enqueueDueNightlyRuns(Connection c, Instant now) throws SQLException {
        int queued = Jdbc.update(c, """
                INSERT INTO sync_run (id, district_id, kind, trigger_source, requested_by, status, window_date, created_at)
                SELECT gen_random_uuid(), d.id, 'NIGHTLY', 'SCHEDULE', 'schedule', 'QUEUED',
                       CASE WHEN d.window_start < d.window_end OR l.local::time >= d.window_start
                            THEN l.local::date ELSE l.local::date - 1 END,
                       ?
                FROM district d, LATERAL (SELECT (?::timestamptz AT TIME ZONE d.timezone) AS local) l
                WHERE d.schedule_mode = 'LIVE' AND d.archived_at IS NULL
                  AND CASE WHEN d.window_start < d.window_end
                           THEN l.local::time >= d.window_start AND l.local::time < d.window_end
                           ELSE l.local::time >= d.window_start OR l.local::time < d.window_end END
                ON CONFLICT DO NOTHING""", now, now);
        if (queued > 0) {
            LOG.infof("Queued %d nightly run(s)", queued);
        }
    }

    void releaseExpiredLeases(Connection c, Instant now) throws SQLException {
        List<UUID> released = new ArrayList<>();
        // The lost attempt is written to the audit trail (which worker held it, until when, what became of the run):
        // the retry clears the run's worker and error, and without this the history would not tell that a worker died.
        try (PreparedStatement ps = c.prepareStatement("""
                WITH expired AS (
                    SELECT id, district_id, worker_id, attempt, lease_expires_at FROM sync_run
                    WHERE status = 'RUNNING' AND lease_expires_at < ? FOR UPDATE)
                UPDATE sync_run r SET
                    status = CASE WHEN r.attempt >= ? THEN 'FAILED' ELSE 'QUEUED' END,
                    error = CASE WHEN r.attempt >= ? THEN 'The worker stopped responding ' || r.attempt
                                 || ' times; the run was given up. Try again, and contact support if it keeps happening.' END,
                    finished_at = CASE WHEN r.attempt >= ? THEN ?::timestamptz END,
                    worker_id = NULL, lease_token = NULL, lease_expires_at = NULL
                FROM expired e WHERE r.id = e.id
                RETURNING r.id, e.district_id, e.worker_id, e.attempt, e.lease_expires_at, r.status""")) {
            Jdbc.bind(ps, now, config.maxAttempts(), config.maxAttempts(), config.maxAttempts(), now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID runId = rs.getObject(1, UUID.class);
                    released.add(runId);
                    Map<String, Object> lost = new java.util.LinkedHashMap<>();
                    lost.put("workerId", rs.getString(3));
                    lost.put("attempt", rs.getInt(4));
                    lost.put("leaseExpiredAt", String.valueOf(Jdbc.instant(rs.getTimestamp(5))));
                    audit.record(rs.getObject(2, UUID.class), "run.lease-expired", "sync_run", runId, lost,
                            Map.of("status", rs.getString(6), "reason", "QUEUED".equals(rs.getString(6))
                                    ? "the worker stopped sending heartbeats; the run is queued again and starts clean"
                                    : "the worker stopped sending heartbeats " + rs.getInt(4) + " times; the run was given up"));
                }
            }
        }
        if (!released.isEmpty()) {
            LOG.warnf("Released %d run(s) whose worker lease expired: %s", released.size(), released);
            StagedRuns.clear(c, released);
        }
    }


    public Lease heartbeat(UUID runId, UUID leaseToken, Heartbeat heartbeat) {
        Instant now = clock.instant();
        Instant expires = now.plus(config.lease());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE sync_run SET lease_expires_at = ?, progress = ?::jsonb
                     WHERE id = ? AND status = 'RUNNING' AND lease_token = ? AND lease_expires_at >= ?""")) {
            String progress = objectMapper.writeValueAsString(heartbeat == null ? Map.of() : heartbeat);
            if (progress.contains("\\u0000")) {
                // PostgreSQL's jsonb cannot hold NUL characters; without this check the update fails with a 500.
                throw ProblemException.invalid("phases", "must not contain NUL characters");
            }
            Jdbc.bind(ps, expires, progress, runId, leaseToken, now);
            if (ps.executeUpdate() == 0) {
                throw leaseLost();
            }
            return new Lease(runId, expires);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the caller still holds the run; locks the run row against a concurrent release until this transaction ends. */
    public HeldRun requireLease(Connection c, UUID runId, UUID leaseToken) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT district_id, kind, status, lease_token, lease_expires_at FROM sync_run WHERE id = ? FOR SHARE")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Run " + runId);
                }
                Instant expires = Jdbc.instant(rs.getTimestamp(5));
                if (!"RUNNING".equals(rs.getString(3)) || leaseToken == null
                        || !leaseToken.equals(rs.getObject(4, UUID.class)) || expires == null || expires.isBefore(clock.instant())) {
                    throw leaseLost();
                }
                return new HeldRun(runId, rs.getObject(1, UUID.class), RunKind.valueOf(rs.getString(2)));
            }
        }
    }

    /** The district of the run if it was already completed or failed with this lease (a repeated call), else null. */
    public UUID completedWith(Connection c, UUID runId, UUID leaseToken) throws SQLException {
        if (leaseToken == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT district_id FROM sync_run WHERE id = ? AND completed_lease_token = ?")) {
            Jdbc.bind(ps, runId, leaseToken);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }

    public record HeldRun(UUID runId, UUID districtId, RunKind kind) {
    }

    public void fail(UUID runId, UUID leaseToken, String error) {
        try (Connection c = dataSource.getConnection()) {
            if (completedWith(c, runId, leaseToken) != null) {
                return; // a repeat whose first answer was lost: the run is failed (or was completed) already
            }
            requireLease(c, runId, leaseToken);
            Jdbc.update(c, """
                    UPDATE sync_run SET status = 'FAILED', error = ?, finished_at = ?, completed_lease_token = lease_token,
                           lease_token = NULL, lease_expires_at = NULL
                    WHERE id = ?""", error.replace('\u0000', '\uFFFD'), clock.instant(), runId);
            StagedRuns.clear(c, runId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProblemException leaseLost() {
        return ProblemException.conflict("This worker no longer holds the run: its lease expired and the run was "
                + "released or handed to another worker, or the run has finished. Stop working on it.");
    }
}
