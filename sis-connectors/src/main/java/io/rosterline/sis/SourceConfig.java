package io.rosterline.sis;

import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Everything needed to open a reader for one district's source. Which fields matter depends on the kind: REST kinds
 * need baseUrl and credentials, CSV kinds need file.
 *
 * @param auth             "oauth1" or "oauth2" (OneRoster 1.1 REST; 1.2 and PowerSchool are always OAuth 2)
 * @param tokenUrl         OAuth 2 token endpoint; when null a kind-specific default is derived from the base URL
 * @param scope            OAuth 2 scope; when null the OneRoster core read-only scope of the version is asked for
 * @param oauth1Signature  OAuth 1.0a signature method; null means HMAC-SHA256 (the IMS requirement)
 * @param oauth2ClientAuth how the client authenticates at the token endpoint; null means the HTTP Basic header
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
        HttpSettings http,
        OAuth1Signer.Method oauth1Signature,
        OAuth2ClientCredentials.ClientAuth oauth2ClientAuth) {

    /** Keys of a source's settings map, as roster-api stores them and the worker passes them on. */
    public static final class Keys {
        public static final String BASE_URL = "base-url";
        public static final String AUTH = "auth";
        public static final String CLIENT_ID = "client-id";
        public static final String CLIENT_SECRET = "client-secret";
        public static final String TOKEN_URL = "token-url";
        public static final String SCOPE = "scope";
        public static final String FILE = "file";
        public static final String PAGE_SIZE = "page-size";
        /** hmac-sha256 (default) or hmac-sha1. */
        public static final String OAUTH1_SIGNATURE_METHOD = "oauth1-signature-method";
        /** basic (default: HTTP Basic header) or form (client_id/client_secret in the form body). */
        public static final String OAUTH2_CLIENT_AUTH = "oauth2-client-auth";

        private Keys() {
        }
    }

    public static final int DEFAULT_PAGE_SIZE = 1000;

    /** Without the signature method and client authentication style: HMAC-SHA256 and Basic. */
    public SourceConfig(SourceKind kind, URI baseUrl, String clientId, String clientSecret, String auth, URI tokenUrl,
                        String scope, Path file, int pageSize, HttpSettings http) {
        this(kind, baseUrl, clientId, clientSecret, auth, tokenUrl, scope, file, pageSize, http, null, null);
    }

    /**
     * A config from a settings map with the {@link Keys} names. Unknown keys are ignored; a value that cannot be
     * read raises IllegalArgumentException naming the key.
     */
    public static SourceConfig fromSettings(SourceKind kind, Map<String, String> settings, HttpSettings http) {
        String pageSize = settings.get(Keys.PAGE_SIZE);
        int size;
        try {
            size = pageSize == null || pageSize.isBlank() ? DEFAULT_PAGE_SIZE : Integer.parseInt(pageSize.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The setting '" + Keys.PAGE_SIZE + "' must be a whole number, not '" + pageSize + "'");
        }
        return new SourceConfig(kind, uri(settings, Keys.BASE_URL), blankToNull(settings.get(Keys.CLIENT_ID)),
                blankToNull(settings.get(Keys.CLIENT_SECRET)), blankToNull(settings.get(Keys.AUTH)),
                uri(settings, Keys.TOKEN_URL), blankToNull(settings.get(Keys.SCOPE)),
                settings.get(Keys.FILE) == null ? null : Path.of(settings.get(Keys.FILE)), size, http,
                signatureMethod(settings.get(Keys.OAUTH1_SIGNATURE_METHOD)),
                clientAuth(settings.get(Keys.OAUTH2_CLIENT_AUTH)));
    }

    /** hmac-sha256 | hmac-sha1 (any case, also as OAuth writes them: HMAC-SHA1); null or blank gives null. */
    public static OAuth1Signer.Method signatureMethod(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "hmac-sha256", "hmac_sha256" -> OAuth1Signer.Method.HMAC_SHA256;
            case "hmac-sha1", "hmac_sha1" -> OAuth1Signer.Method.HMAC_SHA1;
            default -> throw new IllegalArgumentException("The OAuth 1.0a signature method must be hmac-sha256 or "
                    + "hmac-sha1, not '" + value + "'");
        };
    }

    /** basic | form; null or blank gives null. */
    public static OAuth2ClientCredentials.ClientAuth clientAuth(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "basic", "basic_header", "client_secret_basic" -> OAuth2ClientCredentials.ClientAuth.BASIC_HEADER;
            case "form", "form_body", "client_secret_post" -> OAuth2ClientCredentials.ClientAuth.FORM_BODY;
            default -> throw new IllegalArgumentException("The OAuth 2 client authentication must be basic or form, not '"
                    + value + "'");
        };
    }

    private static URI uri(Map<String, String> settings, String key) {
        String v = blankToNull(settings.get(key));
        if (v == null) {
            return null;
        }
        try {
            return URI.create(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The setting '" + key + "' is not a URL: " + v);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "SourceConfig[" + kind.id() + ", " + (baseUrl != null ? baseUrl : file) + ", client " + clientId + "]";
    }
}
