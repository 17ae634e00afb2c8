package io.rosterline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Given a sandbox, when a fault switch is on, then clients see exactly that misbehaviour. */
class FaultSwitchTest {

    static final String V11 = "/ims/oneroster/v1p1";
    static SandboxSis sis;
    static SisClient client;
    static String token;

    @BeforeAll
    static void start() {
        sis = SandboxSis.start(1500, 3);
        client = new SisClient(sis);
        token = client.token();
    }

    @AfterAll
    static void stop() {
        sis.stop();
    }

    @AfterEach
    void clear() {
        client.postJson("/admin/faults", "{\"clear\": true}");
    }

    @Test
    void a429BurstFailsTheNextRequestsWithRetryAfterThenRecovers() {
        HttpResponse<String> set = client.postJson("/admin/faults", "{\"http429Burst\": 3, \"retryAfterSeconds\": 2}");
        assertEquals(200, set.statusCode(), set.body());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = client.bearer(token, V11 + "/users?limit=1");
            assertEquals(429, r.statusCode());
            assertEquals("2", r.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("failure", Json.object(r.body()).get("imsx_codeMajor"));
        }
        assertEquals(200, client.bearer(token, V11 + "/users?limit=1").statusCode());
        assertTrue(sis.stats().get("fault.429") >= 3);
    }

    @Test
    void every3rd503IsCountedOnDataRequestsOnly() {
        sis.faults().http503Every = 3;
        int failed = 0;
        for (int i = 0; i < 9; i++) {
            // token requests in between are never failed
            assertEquals(200, client.postForm("/oauth/token", "grant_type=client_credentials", "sandbox-client", "sandbox-secret").statusCode());
            HttpResponse<String> r = client.bearer(token, V11 + "/orgs");
            if (r.statusCode() == 503) {
                failed++;
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
            } else {
                assertEquals(200, r.statusCode());
            }
        }
        assertEquals(3, failed);
    }

    @Test
    void a503BurstFailsTheNextNRequests() {
        sis.faults().http503Burst.set(2);
        assertEquals(503, client.bearer(token, V11 + "/orgs").statusCode());
        assertEquals(503, client.bearer(token, V11 + "/orgs").statusCode());
        assertEquals(200, client.bearer(token, V11 + "/orgs").statusCode());
    }

    @Test
    void slowPagesAreDelayed() {
        client.postJson("/admin/faults", "{\"delayMs\": 300}");
        long t0 = System.nanoTime();
        assertEquals(200, client.bearer(token, V11 + "/orgs").statusCode());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
    }

    @Test
    void aClampedLimitReturnsFewerRecordsAndLinksByTheClampedSize() {
        sis.faults().maxLimit = 50;
        HttpResponse<String> r = client.bearer(token, V11 + "/users?limit=1000");
        assertEquals(50, Json.records(r.body(), "users").size());
        assertTrue(OneRosterRestTest.link(r, "next").contains("offset=50"));
    }

    @Test
    void missingCountHeadersLeaveOutTotalAndLink() {
        client.postJson("/admin/faults", "{\"omitCountHeaders\": true}");
        HttpResponse<String> r = client.bearer(token, V11 + "/users?limit=10");
        assertEquals(200, r.statusCode());
        assertFalse(r.headers().firstValue("X-Total-Count").isPresent());
        assertFalse(r.headers().firstValue("Link").isPresent());
        assertEquals(10, Json.records(r.body(), "users").size());
    }

    @Test
    void aResetConnectionCutsTheBodyShort() {
        sis.faults().resetBurst.set(1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sis.baseUrl() + V11 + "/users?limit=200"))
                .header("Authorization", "Bearer " + token).build();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> client.send(request));
        assertTrue(e.getCause() instanceof IOException);
        assertEquals(1, sis.stats().get("fault.reset"));
        HttpResponse<String> after = client.send(request);
        assertEquals(200, after.statusCode());
        assertEquals(200, Json.records(after.body(), "users").size());
    }

    @Test
    void cutShortPagesHoldHalfTheRecordsAndLinkToTheRealNextOffset() {
        sis.faults().shortPageEvery = 1;
        HttpResponse<String> r = client.bearer(token, V11 + "/users?limit=100&offset=0");
        assertEquals(50, Json.records(r.body(), "users").size());
        assertEquals(Integer.toString(sis.expectedSummary().get("users").total()), r.headers().firstValue("X-Total-Count").orElseThrow());
        assertTrue(OneRosterRestTest.link(r, "next").contains("offset=50"));
    }

    @Test
    void faultSwitchesCanBeReadAndAreValidated() {
        sis.faults().http429Every = 7;
        Map<String, Object> f = Json.object(client.get("/admin/faults").body());
        assertEquals(7L, f.get("http429Every"));
        HttpResponse<String> bad = client.postJson("/admin/faults", "{\"meltdown\": true}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("unknown fault switch"));
    }

    @Test
    void statsCountRequestsPerGroupEndpointAndStatus() {
        long before = sis.stats().get("group.oneroster-v1p1");
        client.bearer(token, V11 + "/classes/cls-000001");
        client.bearer(token, V11 + "/classes/cls-000002");
        Map<String, Object> stats = Json.object(client.get("/admin/stats").body());
        assertEquals(before + 2, stats.get("group.oneroster-v1p1"));
        assertTrue((Long) stats.get("endpoint.GET /ims/oneroster/v1p1/classes/{id}") >= 2);
        assertTrue((Long) stats.get("status.200") >= 2);
    }

    @Test
    void renamedFieldsSendAFieldUnderAnotherNameInJsonAndInTheCsvHeader() throws IOException {
        HttpResponse<String> set = client.postJson("/admin/faults", "{\"renamedFields\": {\"users.email\": \"emailAddress\"}}");
        assertEquals(200, set.statusCode(), set.body());
        assertTrue(set.body().contains("\"users.email\":\"emailAddress\""), set.body());
        HttpResponse<String> r = client.bearer(token, V11 + "/users?limit=5");
        String body = r.body();
        assertTrue(body.contains("\"emailAddress\":"), body);
        assertFalse(body.contains("\"email\":"), body);
        assertTrue(client.bearer(token, V11 + "/classes?limit=1").body().contains("\"title\":"), "other collections keep their names");

        HttpResponse<byte[]> zip;
        try {
            zip = client.http.send(HttpRequest.newBuilder(URI.create(sis.baseUrl() + "/csv/oneroster-v1p1.zip")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        String header = CsvExportTest.unzip(new java.io.ByteArrayInputStream(zip.body())).get("users.csv").get(0);
        assertTrue(header.contains(",emailAddress,") && !header.contains(",email,"), header);

        client.postJson("/admin/faults", "{\"clear\": true}");
        assertTrue(client.bearer(token, V11 + "/users?limit=1").body().contains("\"email\":"));
    }

    @Test
    void accentedNamesAndTheirLatin1MisreadingArriveAsTheSwitchesSay() {
        sis.faults().familyNameSuffix = "\u00e9";
        String accented = client.bearer(token, V11 + "/users?limit=3").body();
        assertTrue(accented.contains("\u00e9\""), accented);
        sis.faults().latin1Misread = true;
        String misread = client.bearer(token, V11 + "/users?limit=3").body();
        assertTrue(misread.contains("\u00c3\u00a9\""), misread);
        assertFalse(misread.contains("\u00e9\""), misread);
    }
}
