package io.rosterline.sis;

import io.rosterline.sis.http.HttpSettings;

import java.net.URI;
import java.nio.file.Path;

/**
 * Everything needed to open a reader for one district's source. Which fields matter depends on the kind: REST kinds
 * need baseUrl and credentials, CSV kinds need file.
 *
 * @param auth     "oauth1" or "oauth2" (OneRoster 1.1 REST; 1.2 and PowerSchool are always OAuth 2)
 * @param tokenUrl OAuth 2 token endpoint; when null a kind-specific default is derived from the base URL
 * @param scope    OAuth 2 scope; when null the OneRoster core read-only scope of the version is asked for
 */
public record SourceConfig(
        SourceKind kind,
        URI baseUrl,
        String clientId,
        String clientSecret,
        String auth,
        URI tokenUrl,
        String scope,
        Path file,
        int pageSize,
        HttpSettings http) {

    @Override
    public String toString() {
        // Never print the secret.
        return "SourceConfig[" + kind.id() + ", " + (baseUrl != null ? baseUrl : file) + ", client " + clientId + "]";
    }
}
