package io.rosterline.api.staging;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.district.District;
import io.rosterline.api.selection.DiscoveryCache;
import io.rosterline.api.selection.DiscoveryDtos.RefreshResult;
import io.rosterline.api.sftp.SftpAccountService;
import io.rosterline.api.sftp.UploadService;
import io.rosterline.api.sftp.UploadService.StoredUpload;
import io.rosterline.api.sync.Jdbc;
import io.rosterline.api.sync.RunQueue;
import io.rosterline.api.sync.RunQueue.HeldRun;
import io.rosterline.api.sync.SourceConnections;
import io.rosterline.api.sync.SyncDtos.IncludedCourses;
import io.rosterline.api.sync.SyncDtos.RunSource;
import io.rosterline.api.sync.SyncDtos.WorkerCourse;
import io.rosterline.api.sync.SyncDtos.WorkerCourses;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What a run reads, for the worker holding its lease: the platform and connection settings (decrypted for SIS APIs;
 * for a OneRoster CSV district the newest accepted upload, recorded on the run and streamed from PostgreSQL), the
 * admin's schools, and, once the worker has read the courses of those schools, which of them are included. The
 * course decision stays in the database (v_course_inclusion over the course cache) so that choices and course rules
 * have one source of truth, for courses the admin has seen and for courses new in the SIS alike.
 */
@ApplicationScoped
@Transactional
public class RunSourceService {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RunQueue queue;
    @Inject
    SourceConnections connections;
    @Inject
    UploadService uploads;
    @Inject
    SftpAccountService sftp;
    @Inject
    DiscoveryCache cache;

    public RunSource source(UUID runId, UUID leaseToken) {
        try (Connection c = dataSource.getConnection()) {
            HeldRun run = queue.requireLease(c, runId, leaseToken);
            District district = District.require(run.districtId());
            Map<String, String> settings;
            if (district.platform.sendsFiles()) {
                StoredUpload upload = uploads.latestAcceptedUploadInfo(run.districtId()).orElseThrow(() -> new ProblemException(
                        ProblemType.UNPROCESSABLE, "The district has no accepted OneRoster CSV upload to read yet. "
                        + sftp.uploadInstruction(run.districtId()) + "."));
                Jdbc.update(c, "UPDATE sync_run SET source_upload_id = ? WHERE id = ?", upload.id(), runId);
                settings = Map.of("upload-id", upload.id().toString(), "filename", upload.filename(),
                        "size-bytes", Long.toString(upload.sizeBytes()), "sha256", upload.sha256(),
                        "uploaded-at", upload.uploadedAt().toString());
            } else {
                settings = connections.settings(run.districtId()).orElseThrow(() -> new ProblemException(
                        ProblemType.UNPROCESSABLE, "The district has no connection settings for its student information system yet; "
                        + "enter them in the setup checklist."));
            }
            List<String> schools = includedSchools(c, run.districtId());
            if (schools.isEmpty()) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "No school of this district is selected for syncing; "
                        + "choose the schools in the setup checklist.");
            }
            return new RunSource(runId, run.districtId(), district.platform.name(), settings, schools,
                    strings(c, "SELECT sourced_id FROM v_included_course WHERE district_id = ? ORDER BY sourced_id", run.districtId()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refreshes the course cache from what the source has now and answers which courses the run syncs. */
    public IncludedCourses courses(UUID runId, UUID leaseToken, WorkerCourses body) {
        try (Connection c = dataSource.getConnection()) {
            HeldRun run = queue.requireLease(c, runId, leaseToken);
            List<String> schools = includedSchools(c, run.districtId());
            List<Course> courses = new ArrayList<>(body.courses().size());
            for (WorkerCourse w : body.courses()) {
                courses.add(new Course(w.sourcedId(), status(w.status()), null, w.title(), w.courseCode(),
                        w.grades() == null ? List.of() : w.grades(), w.subjects() == null ? List.of() : w.subjects(),
                        w.schoolSourcedId(), null));
            }
            RefreshResult refreshed = cache.courses(run.districtId(), schools, courses, false);
            List<String> included = strings(c, "SELECT sourced_id FROM v_included_course WHERE district_id = ? ORDER BY sourced_id",
                    run.districtId());
            return new IncludedCourses(included, refreshed.added(), refreshed.updated(), refreshed.removed());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The upload the run chose when it asked for its source, streamed in chunks; the lease is checked first. */
    public StreamingOutput archive(UUID runId, UUID leaseToken) {
        UUID districtId;
        UUID uploadId;
        try (Connection c = dataSource.getConnection()) {
            districtId = queue.requireLease(c, runId, leaseToken).districtId();
            try (PreparedStatement ps = c.prepareStatement("SELECT source_upload_id FROM sync_run WHERE id = ?")) {
                ps.setObject(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    uploadId = rs.getObject(1, UUID.class);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (uploadId == null) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "This run has no upload to read: ask for its source first "
                    + "(GET .../source), which chooses the newest accepted upload.");
        }
        UUID chosen = uploadId;
        return output -> {
            try (InputStream in = uploads.open(districtId, chosen)) {
                in.transferTo(output);
            }
        };
    }

    private static Status status(String status) {
        if (status == null || status.isBlank()) {
            return Status.ACTIVE;
        }
        try {
            return Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("courses.status", "'" + status + "' is not a OneRoster status (active, tobedeleted)");
        }
    }

    private static List<String> includedSchools(Connection c, UUID districtId) throws SQLException {
        return strings(c, "SELECT sourced_id FROM v_included_school WHERE district_id = ? ORDER BY sourced_id", districtId);
    }

    private static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
