package io.rosterline.api.credentials;

import io.rosterline.api.source.AuthMethod;
import io.rosterline.api.source.SourceConnection;
import io.rosterline.api.sync.SourceConnections;
import io.rosterline.sis.SourceConfig.Keys;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The worker's connection settings come from the credentials the admin saved (decrypted here, for the worker endpoint
 * only). The auth kind is the one the last live check found working, so DETECT resolves once, not every night.
 */
@ApplicationScoped
public class StoredSourceConnections implements SourceConnections {

    @Inject
    CredentialsService credentials;

    @Override
    public Optional<Map<String, String>> settings(UUID districtId) {
        if (SisCredentials.findById(districtId) == null) {
            return Optional.empty();
        }
        CredentialsService.StoredConnection stored = credentials.storedConnection(districtId);
        SourceConnection connection = stored.connection();
        AuthMethod method = connection.platform() == io.rosterline.api.district.RosterPlatform.POWERSCHOOL ? AuthMethod.OAUTH2
                : stored.workingMethod() != null ? stored.workingMethod() : connection.authMethod();
        Map<String, String> settings = new HashMap<>();
        settings.put(Keys.BASE_URL, connection.baseUrl().toString());
        settings.put(Keys.AUTH, method == AuthMethod.OAUTH1 ? "oauth1" : "oauth2");
        settings.put(Keys.CLIENT_ID, connection.clientId());
        settings.put(Keys.CLIENT_SECRET, connection.clientSecret());
        if (connection.tokenUrl() != null) {
            settings.put(Keys.TOKEN_URL, connection.tokenUrl().toString());
        }
        if (connection.scope() != null) {
            settings.put(Keys.SCOPE, connection.scope());
        }
        settings.put(Keys.OAUTH1_SIGNATURE_METHOD, connection.oauth1Signature() == OAuth1Signer.Method.HMAC_SHA1 ? "hmac-sha1" : "hmac-sha256");
        settings.put(Keys.OAUTH2_CLIENT_AUTH, connection.oauth2ClientAuth() == OAuth2ClientCredentials.ClientAuth.FORM_BODY ? "form" : "basic");
        return Optional.of(Map.copyOf(settings));
    }
}
