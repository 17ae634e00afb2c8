package io.rosterline.api.sftp;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.jboss.logging.Logger;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks SFTP logins against the accounts table. Plain JDBC because SSH sessions run on MINA's threads, outside any
 * request or transaction. Only enabled accounts of districts that are not archived may log in.
 */
@ApplicationScoped
public class SftpLogins {

    private static final Logger LOG = Logger.getLogger(SftpLogins.class);

    @Inject
    AgroalDataSource dataSource;

    /** The district whose account this is, when the password is right. */
    public Optional<UUID> password(String username, String password) {
        String sql = "SELECT a.district_id, a.password_hash FROM sftp_account a JOIN district d ON d.id = a.district_id "
                + "WHERE a.username = ? AND a.enabled AND d.archived_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                UUID district = rs.next() ? rs.getObject(1, UUID.class) : null;
                String hash = district == null ? null : rs.getString(2);
                // Always hash, so that the time taken does not reveal whether the account exists.
                boolean ok = PasswordHasher.verify(password, hash);
                return ok && district != null ? Optional.of(district) : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.warnf("SFTP password login for %s could not be checked: %s", username, e.getMessage());
            return Optional.empty();
        }
    }

    /** The district whose account this is, when the key is one of the account's keys. */
    public Optional<UUID> publicKey(String username, PublicKey offered) {
        String sql = "SELECT a.district_id, k.public_key FROM sftp_account a JOIN district d ON d.id = a.district_id "
                + "JOIN sftp_public_key k ON k.district_id = a.district_id "
                + "WHERE a.username = ? AND a.enabled AND d.archived_at IS NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PublicKey known = PublicKeyEntry.parsePublicKeyEntry(rs.getString(2)).resolvePublicKey(null, null, null);
                    if (KeyUtils.compareKeys(known, offered)) {
                        return Optional.of(rs.getObject(1, UUID.class));
                    }
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            LOG.warnf("SFTP key login for %s could not be checked: %s", username, e.getMessage());
            return Optional.empty();
        }
    }
}
