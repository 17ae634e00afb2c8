package io.rosterline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given a sandbox with the default client, both OAuth 2 bearer tokens and OAuth 1.0a signatures are checked properly. */
class AuthTest {

    static final String V11 = "/ims/oneroster/v1p1";
    static SandboxSis sis;
    static SisClient client;

    @BeforeAll
    static void start() {
        sis = SandboxSis.start(SandboxSis.Config.defaults().students(1200).seed(7));
        client = new SisClient(sis);
    }

    @AfterAll
    static void stop() {
        sis.stop();
    }

    @AfterEach
    void clearFaults() {
        sis.faults().clear();
    }

    @Test
    void whenTheClientAuthenticatesWithBasicThenItGetsABearerTokenWithExpiryAndScope() {
        HttpResponse<String> r = client.postForm("/oauth/token",
                "grant_type=client_credentials&scope=" + SisClient.q("https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly"),
                "sandbox-client", "sandbox-secret");
        assertEquals(200, r.statusCode());
        Map<String, Object> body = Json.object(r.body());
        assertEquals("bearer", body.get("token_type"));
        assertEquals(3600L, body.get("expires_in"));
        assertEquals("https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly", body.get("scope"));
        assertEquals(200, client.bearer((String) body.get("access_token"), V11 + "/orgs").statusCode());
    }

    @Test
    void whenTheClientSendsCredentialsInTheFormThenItGetsATokenToo() {
        HttpResponse<String> r = client.postForm("/oauth/token",
                "grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret", null, null);
        assertEquals(200, r.statusCode());
        assertEquals(200, client.bearer((String) Json.object(r.body()).get("access_token"), V11 + "/orgs").statusCode());
    }

    @Test
    void wrongCredentialsOrTokensAnswer401WithImsxPayload() {
        HttpResponse<String> r = client.postForm("/oauth/token", "grant_type=client_credentials", "sandbox-client", "wrong");
        assertEquals(401, r.statusCode());
        assertEquals("invalid_client", Json.object(r.body()).get("error"));
        assertEquals("failure", Json.object(r.body()).get("imsx_codeMajor"));
        HttpResponse<String> noToken = client.get(V11 + "/users");
        assertEquals(401, noToken.statusCode());
        assertEquals("failure", Json.object(noToken.body()).get("imsx_codeMajor"));
        assertEquals(401, client.bearer("made-up", V11 + "/users").statusCode());
        // a PowerSchool token is not a OneRoster token
        assertEquals(401, client.bearer(client.powerSchoolToken(), V11 + "/users").statusCode());
    }

    @Test
    void whenTokenLifetimeIsShortenedThenTokensExpire() throws InterruptedException {
        sis.faults().tokenTtlSeconds = 1;
        HttpResponse<String> r = client.postForm("/oauth/token", "grant_type=client_credentials", "sandbox-client", "sandbox-secret");
        assertEquals(1L, Json.object(r.body()).get("expires_in"));
        String token = (String) Json.object(r.body()).get("access_token");
        assertEquals(200, client.bearer(token, V11 + "/orgs").statusCode());
        Thread.sleep(1200);
        HttpResponse<String> expired = client.bearer(token, V11 + "/orgs");
        assertEquals(401, expired.statusCode());
        assertTrue(expired.body().contains("expired"));
    }

    @Test
    void oauth1HmacSha256WithSpacesAndQuotesInTheFilterIsAccepted() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("filter", "status='active' AND dateLastModified>'2026-01-01T00:00:00Z'");
        query.put("limit", "7");
        query.put("offset", "3");
        HttpResponse<String> r = client.oauth1Get(V11 + "/users", query, "HMAC-SHA256", "sandbox-client", "sandbox-secret");
        assertEquals(200, r.statusCode(), r.body());
        List<Map<String, Object>> users = Json.records(r.body(), "users");
        assertEquals(7, users.size());
        users.forEach(u -> assertEquals("active", u.get("status")));
        assertEquals(Integer.toString(sis.expectedSummary().get("users").active()), r.headers().firstValue("X-Total-Count").orElseThrow());
    }

    @Test
    void oauth1HmacSha1IsAcceptedToo() {
        HttpResponse<String> r = client.oauth1Get(V11 + "/orgs", Map.of("limit", "2"), "HMAC-SHA1", "sandbox-client", "sandbox-secret");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(2, Json.records(r.body(), "orgs").size());
    }

    @Test
    void oauth1WithAWrongSecretOrKeyIsRejected() {
        Map<String, String> query = Map.of("filter", "status='active'");
        HttpResponse<String> wrongSecret = client.oauth1Get(V11 + "/users", query, "HMAC-SHA256", "sandbox-client", "not-the-secret");
        assertEquals(401, wrongSecret.statusCode());
        assertTrue(wrongSecret.body().contains("signature does not match"));
        assertEquals("failure", Json.object(wrongSecret.body()).get("imsx_codeMajor"));
        HttpResponse<String> wrongKey = client.oauth1Get(V11 + "/users", query, "HMAC-SHA256", "someone-else", "sandbox-secret");
        assertEquals(401, wrongKey.statusCode());
    }

    @Test
    void oauth1RejectsReplayedNoncesAndStaleTimestamps() {
        long now = System.currentTimeMillis() / 1000;
        String nonce = client.nonce();
        assertEquals(200, client.oauth1Get(V11 + "/orgs", Map.of(), "HMAC-SHA256", "sandbox-client", "sandbox-secret", now, nonce).statusCode());
        HttpResponse<String> replay = client.oauth1Get(V11 + "/orgs", Map.of(), "HMAC-SHA256", "sandbox-client", "sandbox-secret", now, nonce);
        assertEquals(401, replay.statusCode());
        assertTrue(replay.body().contains("nonce"));
        HttpResponse<String> stale = client.oauth1Get(V11 + "/orgs", Map.of(), "HMAC-SHA256", "sandbox-client", "sandbox-secret",
                now - 3600, client.nonce());
        assertEquals(401, stale.statusCode());
        assertTrue(stale.body().contains("timestamp"));
    }

    @Test
    void oneRoster12AcceptsOnlyBearerTokens() {
        HttpResponse<String> r = client.oauth1Get("/ims/oneroster/rostering/v1p2/orgs", Map.of(), "HMAC-SHA256",
                "sandbox-client", "sandbox-secret");
        assertEquals(401, r.statusCode());
        assertFalse(Json.records(client.ok(client.token(), "/ims/oneroster/rostering/v1p2/orgs"), "orgs").isEmpty());
    }

    @Test
    void credentialsAreConfigurable() {
        try (SandboxSis other = SandboxSis.start(SandboxSis.Config.defaults().students(100).credentials("district-7", "s3cr3t"))) {
            SisClient c = new SisClient(other);
            assertEquals(401, c.postForm("/oauth/token", "grant_type=client_credentials", "sandbox-client", "sandbox-secret").statusCode());
            assertEquals(200, c.postForm("/oauth/token", "grant_type=client_credentials", "district-7", "s3cr3t").statusCode());
            assertEquals(200, c.oauth1Get(V11 + "/orgs", Map.of(), "HMAC-SHA256", "district-7", "s3cr3t").statusCode());
        }
    }
}
