package io.rosterline.api.sftp;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A district's SFTP login. The password only as a salted PBKDF2 hash. */
@Entity
@Table(name = "sftp_account")
public class SftpAccount extends PanacheEntityBase {

    @Id
    @Column(name = "district_id")
    public UUID districtId;
    public String username;
    public boolean enabled;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "password_set_at")
    public Instant passwordSetAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;
}
