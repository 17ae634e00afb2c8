package io.rosterline.sis;

import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.csv.OneRosterCsvReader;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import io.rosterline.sis.powerschool.PowerSchoolReader;

import java.net.URI;

/** Opens the right reader for a {@link SourceConfig}. */
public final class RosterReaders {

    private RosterReaders() {
    }

    public static RosterReader open(SourceConfig c) {
        return switch (c.kind()) {
            case ONEROSTER_CSV, ONEROSTER12_CSV -> {
                if (c.file() == null) {
                    throw new IllegalArgumentException("A CSV source needs a zip file or folder");
                }
                yield OneRosterCsvReader.open(c.file());
            }
            case ONEROSTER_REST -> new OneRosterRestReader(new OneRosterRestReader.Config(requireBase(c),
                    "oauth2".equalsIgnoreCase(c.auth())
                            ? oauth2(c, defaultTokenUrl(c), OAuth2ClientCredentials.ONEROSTER_11_CORE_SCOPE)
                            : oauth1(c),
                    c.pageSize(), c.http(), OneRosterRestReader.Version.V1P1));
            case ONEROSTER12_REST -> new OneRosterRestReader(new OneRosterRestReader.Config(requireBase(c),
                    oauth2(c, defaultTokenUrl(c), OAuth2ClientCredentials.ONEROSTER_12_CORE_SCOPE),
                    c.pageSize(), c.http(), OneRosterRestReader.Version.V1P2));
            // PowerSchool documents Basic client authentication at /oauth/access_token; form is honoured if asked for.
            case POWERSCHOOL -> new PowerSchoolReader(requireBase(c), oauth2(c,
                    c.tokenUrl() != null ? c.tokenUrl() : requireBase(c).resolve("/oauth/access_token"), null),
                    c.pageSize(), c.http());
        };
    }

    private static URI requireBase(SourceConfig c) {
        if (c.baseUrl() == null) {
            throw new IllegalArgumentException("A REST source needs a base URL");
        }
        return c.baseUrl();
    }

    /** OneRoster leaves the token URL to the vendor; the common choice is /oauth/token on the same host. */
    private static URI defaultTokenUrl(SourceConfig c) {
        return c.tokenUrl() != null ? c.tokenUrl() : requireBase(c).resolve("/oauth/token");
    }

    private static Authenticator oauth1(SourceConfig c) {
        if (c.clientId() == null || c.clientSecret() == null) {
            throw new IllegalArgumentException("OAuth 1.0a needs a consumer key and secret");
        }
        return new OAuth1Signer(c.clientId(), c.clientSecret(),
                c.oauth1Signature() != null ? c.oauth1Signature() : OAuth1Signer.Method.HMAC_SHA256);
    }

    private static Authenticator oauth2(SourceConfig c, URI tokenUrl, String defaultScope) {
        if (c.clientId() == null || c.clientSecret() == null) {
            throw new IllegalArgumentException("OAuth 2 needs a client id and secret");
        }
        OAuth2ClientCredentials.ClientAuth clientAuth = c.oauth2ClientAuth() != null ? c.oauth2ClientAuth()
                : OAuth2ClientCredentials.ClientAuth.BASIC_HEADER;
        return new OAuth2ClientCredentials(tokenUrl, c.clientId(), c.clientSecret(),
                c.scope() != null ? c.scope() : defaultScope, clientAuth, new SisHttp(c.http(), "The token endpoint"));
    }
}
