package io.rosterline.api.credentials;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Districts;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key rotation: values under a retired key id are rewritten under the active key and still decrypt. */
@QuarkusTest
class KeyRotationTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SecretBox secretBox;
    @Inject
    KeyRotation rotation;
    @ConfigProperty(name = "rosterline.credentials.keys.test-retired")
    String retiredKeyBase64;

    private byte[] retiredKey() {
        return Base64.getDecoder().decode(retiredKeyBase64);
    }

    @Test
    void given_a_secret_stored_under_the_old_key_when_rotation_runs_then_it_is_rewritten_under_the_active_key() throws Exception {
        UUID district = Districts.fresh("Rotation SD");
        String secret = "rotate-me-" + UUID.randomUUID();
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        // Written the way an earlier deployment (active key test-retired) wrote it.
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(retiredKey(), "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(("rosterline|test-retired|" + SisCredentials.secretContext(district)).getBytes(StandardCharsets.UTF_8));
        byte[] ciphertext = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO sis_credentials "
                + "(district_id, base_url, client_id, auth_method, secret_key_id, secret_nonce, secret_ciphertext, secret_last_four, updated_at) "
                + "VALUES (?, 'https://sis.example.org/ims/oneroster/v1p1', 'harbor', 'OAUTH1', 'test-retired', ?, ?, ?, ?)")) {
            ps.setObject(1, district);
            ps.setBytes(2, nonce);
            ps.setBytes(3, ciphertext);
            ps.setString(4, secret.substring(secret.length() - 4));
            ps.setTimestamp(5, java.sql.Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }

        assertTrue(rotation.reencryptAll() >= 1);

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT secret_key_id, secret_nonce, secret_ciphertext FROM sis_credentials WHERE district_id = ?")) {
            ps.setObject(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(secretBox.activeKeyId(), rs.getString(1));
                assertEquals(secret, secretBox.openString(new SecretBox.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3)),
                        SisCredentials.secretContext(district)));
            }
        }
        assertEquals(0, rotation.reencryptAll(), "nothing is left under the old key");
    }

}
