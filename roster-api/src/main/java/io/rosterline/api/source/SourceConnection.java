package io.rosterline.api.source;

import io.rosterline.api.district.RosterPlatform;

import java.net.URI;

/**
 * Everything needed to reach one district's SIS API, secret in clear. Lives only in memory, for the length of a check
 * or a sync; toString() never shows the secret.
 */
public record SourceConnection(RosterPlatform platform, URI baseUrl, String clientId, String clientSecret,
                               AuthMethod authMethod, URI tokenUrl, String scope) {

    public SourceConnection withAuthMethod(AuthMethod method) {
        return new SourceConnection(platform, baseUrl, clientId, clientSecret, method, tokenUrl, scope);
    }

    @Override
    public String toString() {
        return "SourceConnection[" + platform + " " + baseUrl + " client " + clientId + " " + authMethod + "]";
    }
}
