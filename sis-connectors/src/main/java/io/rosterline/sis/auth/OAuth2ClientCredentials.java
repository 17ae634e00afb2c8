package io.rosterline.sis.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.sis.SisException;
import io.rosterline.sis.http.SisHttp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;

/**
 * OAuth 2 client-credentials grant (OneRoster 1.1 optional, 1.2 required, PowerSchool). The access token is cached
 * until shortly before it expires; concurrent readers share one token and only one of them fetches a new one.
 */
public final class OAuth2ClientCredentials implements Authenticator {

    /** How the client proves itself to the token endpoint (RFC 6749 section 2.3.1). */
    public enum ClientAuth { BASIC_HEADER, FORM_BODY }

    public static final String ONEROSTER_11_CORE_SCOPE = "https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly";
    public static final String ONEROSTER_12_CORE_SCOPE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Renew this long before expiry so that a token does not run out in the middle of a page. */
    private static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);

    private final URI tokenUri;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final ClientAuth clientAuth;
    private final SisHttp http;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token token;

    private record Token(String value, Instant renewAt) {
    }

    public OAuth2ClientCredentials(URI tokenUri, String clientId, String clientSecret, String scope,
                                   ClientAuth clientAuth, SisHttp http) {
        this(tokenUri, clientId, clientSecret, scope, clientAuth, http, Clock.systemUTC());
    }

    public OAuth2ClientCredentials(URI tokenUri, String clientId, String clientSecret, String scope,
                                   ClientAuth clientAuth, SisHttp http, Clock clock) {
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.clientAuth = clientAuth;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public void authenticate(HttpRequest.Builder request, String method, URI uri) {
        request.header("Authorization", "Bearer " + accessToken());
    }

    @Override
    public boolean invalidate() {
        token = null;
        return true;
    }

    @Override
    public String describe() {
        return "OAuth 2 client id/secret";
    }

    /** The current token, fetching a new one if there is none or it is about to expire. */
    public String accessToken() {
        Token t = token;
        if (t != null && clock.instant().isBefore(t.renewAt())) {
            return t.value();
        }
        lock.lock();
        try {
            t = token;
            if (t == null || !clock.instant().isBefore(t.renewAt())) {
                t = fetch();
                token = t;
            }
            return t.value();
        } finally {
            lock.unlock();
        }
    }

    private Token fetch() {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (scope != null && !scope.isBlank()) {
            form.append("&scope=").append(PercentEncoding.encode(scope));
        }
        if (clientAuth == ClientAuth.FORM_BODY) {
            form.append("&client_id=").append(PercentEncoding.encode(clientId))
                    .append("&client_secret=").append(PercentEncoding.encode(clientSecret));
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (PercentEncoding.encode(clientId) + ":" + PercentEncoding.encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        JsonNode body;
        try (SisHttp.Response r = http.postForm(tokenUri, form.toString(), b -> {
            if (clientAuth == ClientAuth.BASIC_HEADER) {
                b.header("Authorization", basic);
            }
        })) {
            body = JSON.readTree(r.body());
        } catch (SisException.SourceError | SisException.BadCredentials | SisException.Forbidden e) {
            // Token endpoints answer bad client credentials with 400 invalid_client or 401.
            throw new SisException.BadCredentials("The token URL " + tokenUri + " refused the client id/secret. "
                    + "Check them, and whether the client may use the client-credentials grant. " + e.getMessage());
        } catch (SisException.WrongBasePath e) {
            throw new SisException.WrongBasePath("There is no token endpoint at " + tokenUri + " (HTTP 404). Check the token URL.");
        } catch (IOException e) {
            throw new SisException.NotOneRoster("The token URL " + tokenUri + " answered with something that is not JSON.");
        }
        JsonNode access = body == null ? null : body.get("access_token");
        if (access == null || access.asText("").isEmpty()) {
            throw new SisException.NotOneRoster("The token URL " + tokenUri + " answered without an access_token.");
        }
        long expiresIn = 3600;
        JsonNode exp = body.get("expires_in");
        if (exp != null && (exp.isNumber() || exp.asText("").matches("\\d+"))) {
            expiresIn = exp.asLong();
        }
        Instant renewAt = clock.instant().plusSeconds(expiresIn).minus(
                expiresIn > 2 * EARLY_RENEWAL.toSeconds() ? EARLY_RENEWAL : Duration.ofSeconds(expiresIn / 2));
        return new Token(access.asText(), renewAt);
    }
}
