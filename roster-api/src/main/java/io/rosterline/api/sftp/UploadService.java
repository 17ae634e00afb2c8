package io.rosterline.api.sftp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.rosterline.api.checklist.ChecklistStep;
import io.rosterline.api.checklist.StepStatus;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.sftp.UploadDtos.UploadView;
import io.rosterline.api.source.CsvCheck;
import io.rosterline.api.source.SisGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finished CSV uploads: stored in PostgreSQL large objects (streamed in and out, so a 2 GB zip never sits in memory),
 * checked at once with the connector's CSV reader, listed for admins, pruned by policy, and read back by the sync.
 */
@ApplicationScoped
@Transactional
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COPY_BUFFER = 64 * 1024;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SisGateway gateway;
    @Inject
    SftpConfig config;

    /**
     * Stores a finished upload and its check. The check reads the staged file first (outside the transaction); the
     * bytes then stream into a large object in the same transaction as the row, so a row never lacks its content.
     */
    @Transactional(Transactional.TxType.NEVER)
    public UploadView ingest(UUID districtId, String filename, Path staged, String uploadedBy) {
        CsvCheck check;
        if (!filename.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            check = new CsvCheck(false, "Only .zip files are read: upload the OneRoster export (manifest.csv and the CSV "
                    + "files) as one zip file.", null, Map.of(), 0, List.of(), 0, List.of());
        } else {
            check = gateway.checkCsvZip(staged);
        }
        return store(districtId, filename, staged, uploadedBy, check);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UploadView store(UUID districtId, String filename, Path staged, String uploadedBy, CsvCheck check) {
        String reason = rejection(check);
        CsvUpload.Status status = reason == null ? CsvUpload.Status.ACCEPTED : CsvUpload.Status.REJECTED;
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            LargeObjectManager objects = c.unwrap(PGConnection.class).getLargeObjectAPI();
            long oid = objects.createLO(LargeObjectManager.READWRITE);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
            try (InputStream in = new DigestInputStream(Files.newInputStream(staged), sha256);
                 OutputStream out = object.getOutputStream()) {
                size = in.transferTo(out);
            } finally {
                object.close();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO csv_upload (id, district_id, filename, size_bytes, "
                    + "sha256, content_oid, uploaded_at, uploaded_by, status, reason, counts, error_count, warning_count, "
                    + "first_errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)")) {
                insert.setObject(1, id);
                insert.setObject(2, districtId);
                insert.setString(3, filename);
                insert.setLong(4, size);
                insert.setString(5, HexFormat.of().formatHex(sha256.digest()));
                insert.setLong(6, oid);
                insert.setTimestamp(7, Timestamp.from(Instant.now()));
                insert.setString(8, uploadedBy);
                insert.setString(9, status.name());
                insert.setString(10, reason);
                insert.setString(11, JSON.writeValueAsString(check.counts()));
                insert.setLong(12, check.errorCount());
                insert.setLong(13, check.warningCount());
                insert.setString(14, JSON.writeValueAsString(check.firstErrors()));
                insert.executeUpdate();
            }
            LOG.infof("District %s uploaded %s (%d bytes): %s", districtId, filename, size, status);
        } catch (SQLException | IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("The upload could not be stored in the database", e);
        }
        return get(districtId, id);
    }

    /** Null when the upload is good enough to sync from, else why not, in plain words. */
    private String rejection(CsvCheck check) {
        if (!check.readable()) {
            return check.refusal();
        }
        long orgs = check.counts().getOrDefault("orgs", 0L);
        long users = check.counts().getOrDefault("users", 0L);
        if (orgs == 0 || users == 0) {
            return "The export has no " + (orgs == 0 ? "organisations (orgs.csv)" : "users (users.csv)")
                    + "; there is nothing to sync.";
        }
        long rows = check.rows() + check.errorCount();
        if (check.errorCount() > 0 && check.errorCount() > rows * config.maxRowErrorRatio()) {
            return check.errorCount() + " of " + rows + " rows cannot be used (more than "
                    + Math.round(config.maxRowErrorRatio() * 100) + " %); fix the export and upload it again.";
        }
        return null;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<UploadView> page(UUID districtId, int page, int size) {
        var query = CsvUpload.find("districtId = ?1 order by uploadedAt desc, id", districtId);
        long total = query.count();
        List<UploadView> items = PageResult.startsPastEnd(page, size, total) ? List.of()
                : query.page(page, size).<CsvUpload>list().stream().map(u -> view(u, UploadDtos.ERRORS_IN_LIST)).toList();
        return new PageResult<>(items, page, size, total);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UploadView get(UUID districtId, UUID uploadId) {
        CsvUpload upload = CsvUpload.find("id = ?1 and districtId = ?2", uploadId, districtId).firstResult();
        if (upload == null) {
            throw ProblemException.notFound("Upload " + uploadId);
        }
        return view(upload, Integer.MAX_VALUE);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UploadView> latestAccepted(UUID districtId) {
        return CsvUpload.<CsvUpload>find("districtId = ?1 and status = ?2 order by uploadedAt desc, id", districtId,
                CsvUpload.Status.ACCEPTED).firstResultOptional().map(u -> view(u, UploadDtos.ERRORS_IN_LIST));
    }

    /** What a run needs to know about the upload it reads: which one, and how to check it arrived whole. */
    public record StoredUpload(UUID id, String filename, long sizeBytes, String sha256, Instant uploadedAt) {
    }

    /** The newest upload that passed its check, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StoredUpload> latestAcceptedUploadInfo(UUID districtId) {
        return CsvUpload.<CsvUpload>find("districtId = ?1 and status = ?2 order by uploadedAt desc, id", districtId,
                CsvUpload.Status.ACCEPTED).firstResultOptional()
                .map(u -> new StoredUpload(u.id, u.filename, u.sizeBytes, u.sha256, u.uploadedAt));
    }

    /**
     * The newest ACCEPTED upload's zip, streamed from PostgreSQL. The stream holds its own database connection and read
     * transaction until it is closed, so close it (try-with-resources).
     *
     * @throws ProblemException not found when the district has no accepted upload
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public InputStream latestAcceptedUpload(UUID districtId) {
        StoredUpload upload = latestAcceptedUploadInfo(districtId)
                .orElseThrow(() -> ProblemException.notFound("An accepted OneRoster CSV upload for this district"));
        return open(districtId, upload.id());
    }

    /**
     * One upload's zip, streamed from its large object in chunks (never whole in memory). The stream holds its own
     * database connection and read transaction until it is closed, so close it (try-with-resources).
     *
     * @throws ProblemException not found when the district has no such upload (any more)
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public InputStream open(UUID districtId, UUID uploadId) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            long oid;
            try (PreparedStatement ps = c.prepareStatement("SELECT content_oid FROM csv_upload WHERE district_id = ? AND id = ?")) {
                ps.setObject(1, districtId);
                ps.setObject(2, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("Upload " + uploadId);
                    }
                    oid = rs.getLong(1);
                }
            }
            LargeObject object = c.unwrap(PGConnection.class).getLargeObjectAPI().open(oid, LargeObjectManager.READ);
            Connection connection = c;
            return new FilterInputStream(object.getInputStream()) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                        object.close();
                        connection.commit();
                    } catch (SQLException e) {
                        throw new IOException("Closing the upload stream failed", e);
                    } finally {
                        try {
                            connection.close();
                        } catch (SQLException ignored) {
                            // the pool discards it
                        }
                    }
                }
            };
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("The upload could not be read from the database", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.rollback();
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do
            }
        }
    }

    /**
     * Deletes old uploads and their large objects: everything beyond the newest keep-last per district that is also
     * older than keep-for. The newest ACCEPTED upload of a district is always kept, because the sync reads it, and so is
     * any upload a running run is reading.
     */
    @Scheduled(cron = "${rosterline.sftp.prune-cron:0 30 3 * * ?}", identity = "csv-upload-prune",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPrune() {
        prune();
    }

    /** Runs the prune policy now; returns how many uploads were deleted. */
    public int prune() {
        String sql = """
                WITH ranked AS (
                    SELECT id, uploaded_at, status,
                           row_number() OVER (PARTITION BY district_id ORDER BY uploaded_at DESC, id) AS newest_rank,
                           row_number() OVER (PARTITION BY district_id, status ORDER BY uploaded_at DESC, id) AS status_rank
                    FROM csv_upload),
                deleted AS (
                    DELETE FROM csv_upload u USING ranked r
                    WHERE u.id = r.id AND r.newest_rank > ? AND r.uploaded_at < ?
                      AND NOT (r.status = 'ACCEPTED' AND r.status_rank = 1)
                      AND NOT EXISTS (SELECT 1 FROM sync_run s WHERE s.source_upload_id = u.id AND s.status = 'RUNNING')
                    RETURNING u.content_oid)
                SELECT count(lo_unlink(content_oid)) FROM deleted""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, config.keepLast());
            ps.setTimestamp(2, Timestamp.from(Instant.now().minus(config.keepFor())));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int pruned = rs.getInt(1);
                if (pruned > 0) {
                    LOG.infof("Pruned %d old CSV uploads", pruned);
                }
                return pruned;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Pruning old uploads failed", e);
        }
    }

    /** The CREDENTIALS checklist step of a CSV district; {@code howToUpload} says where and as whom to upload. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StepStatus checklistStatus(UUID districtId, String howToUpload) {
        CsvUpload newest = CsvUpload.<CsvUpload>find("districtId = ?1 order by uploadedAt desc, id", districtId).firstResult();
        if (newest == null) {
            return StepStatus.notStarted("No accepted OneRoster CSV upload yet", howToUpload);
        }
        if (newest.status == CsvUpload.Status.REJECTED) {
            return StepStatus.needsAttention("The latest upload " + newest.filename + " was rejected: " + newest.reason,
                    "Fix the export and upload it again");
        }
        Map<String, Long> counts = counts(newest.counts);
        return StepStatus.done("Latest upload " + newest.filename + " accepted: " + counts.getOrDefault("orgs", 0L)
                + " orgs, " + counts.getOrDefault("users", 0L) + " users");
    }

    private static UploadView view(CsvUpload u, int maxErrors) {
        List<String> errors = readList(u.firstErrors);
        return new UploadView(u.id, u.filename, u.sizeBytes, u.uploadedAt, u.status, u.reason, counts(u.counts),
                u.errorCount, u.warningCount, errors.size() > maxErrors ? errors.subList(0, maxErrors) : errors);
    }

    private static Map<String, Long> counts(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<LinkedHashMap<String, Long>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Stored upload counts are not JSON", e);
        }
    }

    private static List<String> readList(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("Stored upload errors are not JSON", e);
        }
    }

    static String humanSize(long bytes) {
        if (bytes >= 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
        }
        if (bytes >= 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return bytes + " bytes";
    }
}
