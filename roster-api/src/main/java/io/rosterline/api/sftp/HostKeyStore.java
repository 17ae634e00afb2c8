package io.rosterline.api.sftp;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.credentials.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.jboss.logging.Logger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The SFTP host key, kept in PostgreSQL (private half encrypted with the credentials keys) so that restarts and
 * replicas present the same key and clients never see a "host key changed" warning. The first replica to start
 * creates it; the others read the row it wrote.
 */
@ApplicationScoped
public class HostKeyStore {

    static final String CONTEXT = "sftp-host-key";
    private static final Logger LOG = Logger.getLogger(HostKeyStore.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SecretBox secretBox;

    public KeyPair loadOrCreate() {
        try (Connection c = dataSource.getConnection()) {
            KeyPair existing = read(c);
            if (existing != null) {
                return existing;
            }
            KeyPair generated = generate();
            SecretBox.Sealed sealed = secretBox.seal(generated.getPrivate().getEncoded(), CONTEXT);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sftp_host_key (id, algorithm, public_key, "
                    + "private_key_id, private_nonce, private_ciphertext) VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, generated.getPrivate().getAlgorithm());
                insert.setString(2, PublicKeyEntry.toString(generated.getPublic()));
                insert.setString(3, sealed.keyId());
                insert.setBytes(4, sealed.nonce());
                insert.setBytes(5, sealed.ciphertext());
                if (insert.executeUpdate() == 1) {
                    LOG.infof("Created the SFTP host key %s", KeyUtils.getFingerPrint(generated.getPublic()));
                }
            }
            return read(c);
        } catch (SQLException e) {
            throw new IllegalStateException("The SFTP host key could not be loaded from the database", e);
        }
    }

    private KeyPair read(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT algorithm, public_key, private_key_id, private_nonce, "
                + "private_ciphertext FROM sftp_host_key WHERE id = 1"); ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            byte[] pkcs8 = secretBox.open(new SecretBox.Sealed(rs.getString(3), rs.getBytes(4), rs.getBytes(5)), CONTEXT);
            try {
                PrivateKey privateKey = KeyFactory.getInstance(rs.getString(1)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                PublicKey publicKey = PublicKeyEntry.parsePublicKeyEntry(rs.getString(2)).resolvePublicKey(null, null, null);
                return new KeyPair(publicKey, privateKey);
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException("The stored SFTP host key cannot be read", e);
            }
        }
    }

    /** Re-encrypts the private key under the active key id (key rotation). Returns whether it was rewritten. */
    public boolean reencrypt(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT private_key_id, private_nonce, private_ciphertext "
                + "FROM sftp_host_key WHERE id = 1 AND private_key_id <> ? FOR UPDATE")) {
            select.setString(1, secretBox.activeKeyId());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                byte[] plain = secretBox.open(new SecretBox.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3)), CONTEXT);
                SecretBox.Sealed sealed = secretBox.seal(plain, CONTEXT);
                try (PreparedStatement update = c.prepareStatement("UPDATE sftp_host_key SET private_key_id = ?, "
                        + "private_nonce = ?, private_ciphertext = ? WHERE id = 1")) {
                    update.setString(1, sealed.keyId());
                    update.setBytes(2, sealed.nonce());
                    update.setBytes(3, sealed.ciphertext());
                    update.executeUpdate();
                }
                return true;
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC key generation is not available", e);
        }
    }
}
