package io.rosterline.api.sftp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An SSH public key that may log in to a district's SFTP account. */
@Entity
@Table(name = "sftp_public_key")
public class SftpPublicKey extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "district_id")
    public UUID districtId;
    @Column(name = "key_type")
    public String keyType;
    @Column(name = "public_key")
    public String publicKey;
    public String fingerprint;
    public String comment;
    @Column(name = "added_at")
    public Instant addedAt;
}
