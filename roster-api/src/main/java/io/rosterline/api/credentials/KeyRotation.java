package io.rosterline.api.credentials;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.rosterline.api.sftp.HostKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Key rotation: after a new key is made active (and the old one kept configured), every value still under an old key
 * id is decrypted and encrypted again under the active key, at start and on demand. Once it reports zero, the old key
 * can be removed from the configuration.
 */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class);
    private static final int BATCH = 200;

    @Inject
    SecretBox secretBox;
    @Inject
    CredentialsConfig config;
    @Inject
    HostKeyStore hostKeys;
    @Inject
    AgroalDataSource dataSource;

    void onStart(@Observes StartupEvent event) {
        if (config.reencryptAtStart()) {
            int rewritten = reencryptAll();
            if (rewritten > 0) {
                LOG.infof("Re-encrypted %d stored secrets under key id %s", rewritten, secretBox.activeKeyId());
            }
        }
    }

    /** Rewrites every value stored under another key id than the active one; returns how many. */
    @Transactional
    public int reencryptAll() {
        int rewritten = 0;
        while (true) {
            List<SisCredentials> batch = SisCredentials.find("secretKeyId <> ?1", secretBox.activeKeyId()).page(0, BATCH).list();
            for (SisCredentials c : batch) {
                String context = SisCredentials.secretContext(c.districtId);
                c.sealSecret(secretBox.seal(secretBox.open(c.sealedSecret(), context), context));
            }
            SisCredentials.flush();
            rewritten += batch.size();
            if (batch.size() < BATCH) {
                break;
            }
        }
        try (Connection c = dataSource.getConnection()) {
            if (hostKeys.reencrypt(c)) {
                rewritten++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The SFTP host key could not be re-encrypted", e);
        }
        return rewritten;
    }
}
