package io.rosterline.api.source;

import io.rosterline.api.district.RosterPlatform;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;

import java.net.URI;

/**
 * Everything needed to reach one district's SIS API, secret in clear. Lives only in memory, for the length of a check
 * or a sync; toString() never shows the secret.
 */
public record SourceConnection(RosterPlatform platform, URI baseUrl, String clientId, String clientSecret,
                               AuthMethod authMethod, URI tokenUrl, String scope, OAuth1Signer.Method oauth1Signature,
                               OAuth2ClientCredentials.ClientAuth oauth2ClientAuth) {

    public SourceConnection {
        oauth1Signature = oauth1Signature == null ? OAuth1Signer.Method.HMAC_SHA256 : oauth1Signature;
        oauth2ClientAuth = oauth2ClientAuth == null ? OAuth2ClientCredentials.ClientAuth.BASIC_HEADER : oauth2ClientAuth;
    }

    public SourceConnection withAuthMethod(AuthMethod method) {
        return new SourceConnection(platform, baseUrl, clientId, clientSecret, method, tokenUrl, scope, oauth1Signature,
                oauth2ClientAuth);
    }

    @Override
    public String toString() {
        return "SourceConnection[" + platform + " " + baseUrl + " client " + clientId + " " + authMethod + "]";
    }
}
