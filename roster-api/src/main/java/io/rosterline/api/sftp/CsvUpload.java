package io.rosterline.api.sftp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** A finished OneRoster CSV zip and its check. The bytes are a large object (content_oid), read by JDBC only. */
@Entity
@Table(name = "csv_upload")
public class CsvUpload extends PanacheEntityBase {

    public enum Status { ACCEPTED, REJECTED }

    @Id
    public UUID id;
    @Column(name = "district_id")
    public UUID districtId;
    public String filename;
    @Column(name = "size_bytes")
    public long sizeBytes;
    public String sha256;
    @Column(name = "uploaded_at")
    public Instant uploadedAt;
    @Column(name = "uploaded_by")
    public String uploadedBy;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String reason;
    @JdbcTypeCode(SqlTypes.JSON)
    public String counts;
    @Column(name = "error_count")
    public long errorCount;
    @Column(name = "warning_count")
    public long warningCount;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "first_errors")
    public String firstErrors;
}
