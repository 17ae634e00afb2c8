package io.rosterline.sync.engine;

import io.rosterline.sis.RosterReader;
import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.oneroster.OneRosterRestReader;

import java.net.URI;
import java.util.Map;

/**
 * A connector for a run's source settings. Keys: base-url, auth (oauth2 | oauth1), client-id, client-secret,
 * token-url (OAuth 2; default base origin + /oauth/token), page-size.
 */
final class SourceReaders {

    private SourceReaders() {
    }

    static RosterReader open(String platform, Map<String, String> settings) {
        OneRosterRestReader.Version version = switch (platform) {
            case "ONEROSTER_API" -> OneRosterRestReader.Version.V1P1;
            case "ONEROSTER_12_API" -> OneRosterRestReader.Version.V1P2;
            default -> throw new UnsupportedSource("This worker reads OneRoster REST sources; " + platform
                    + " is read by the file and PowerSchool connectors, which this worker does not have yet.");
        };
        String base = require(settings, "base-url");
        URI baseUrl = URI.create(base);
        SisHttp http = new SisHttp(HttpSettings.defaults(), "The " + (version == OneRosterRestReader.Version.V1P1 ? "OneRoster 1.1" : "OneRoster 1.2") + " server");
        String auth = settings.getOrDefault("auth", "oauth2").toLowerCase(java.util.Locale.ROOT);
        Authenticator authenticator = switch (auth) {
            case "oauth1" -> new OAuth1Signer(require(settings, "client-id"), require(settings, "client-secret"),
                    OAuth1Signer.Method.HMAC_SHA256);
            case "oauth2" -> new OAuth2ClientCredentials(
                    URI.create(settings.getOrDefault("token-url", baseUrl.resolve("/oauth/token").toString())),
                    require(settings, "client-id"), require(settings, "client-secret"),
                    settings.get("scope"), OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, http);
            case "none" -> Authenticator.none();
            default -> throw new UnsupportedSource("Unknown auth kind '" + auth + "'; use oauth2 or oauth1.");
        };
        int pageSize = Integer.parseInt(settings.getOrDefault("page-size", "1000"));
        return new OneRosterRestReader(new OneRosterRestReader.Config(baseUrl, authenticator, pageSize, HttpSettings.defaults(), version), http);
    }

    private static String require(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new UnsupportedSource("The connection settings lack '" + key + "'.");
        }
        return value;
    }

    static final class UnsupportedSource extends RuntimeException {
        UnsupportedSource(String message) {
            super(message);
        }
    }
}
