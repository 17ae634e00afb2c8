package io.rosterline.sis.oneroster;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.SisException;
import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.RetryPolicy;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.rosterline.sis.oneroster.RestFixtures.BASE_PATH;
import static io.rosterline.sis.oneroster.RestFixtures.quickRetries;
import static io.rosterline.sis.oneroster.RestFixtures.reader;
import static io.rosterline.sis.oneroster.RestFixtures.usersPage;
import static org.junit.jupiter.api.Assertions.*;

class OneRosterRestReaderTest {

    @RegisterExtension
    static WireMockExtension sis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String USERS = BASE_PATH + "/users";
    private static final Authenticator NO_AUTH = Authenticator.none();

    @BeforeEach
    void reset() {
        sis.resetAll();
    }

    private List<RosterRecord> readUsers(OneRosterRestReader reader, Instant since, ReadReport report) {
        List<RosterRecord> out = new ArrayList<>();
        reader.read(RosterCollection.USERS, since, out::add, report);
        return out;
    }

    @Test
    void givenAnOAuth1District_whenUsersAreRead_thenEveryPageIsSignedWithHmacSha256ThatTheServerCanVerify() throws Exception {
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("0"))
                .withHeader("Authorization", matching("OAuth .*oauth_signature_method=\"HMAC-SHA256\".*"))
                .willReturn(okJson(usersPage(0, 3)).withHeader("X-Total-Count", "5")));
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("3"))
                .willReturn(okJson(usersPage(3, 5)).withHeader("X-Total-Count", "5")));
        OneRosterRestReader reader = reader(sis.getPort(),
                new OAuth1Signer("harbor-key", "harbor secret/with+chars", OAuth1Signer.Method.HMAC_SHA256), 3, quickRetries());

        ReadReport report = new ReadReport();
        List<RosterRecord> users = readUsers(reader, Instant.parse("2026-01-01T00:00:00Z"), report);

        assertEquals(5, users.size());
        assertEquals(5, report.count(RosterCollection.USERS));
        List<LoggedRequest> requests = sis.findAll(getRequestedFor(urlPathEqualTo(USERS)));
        assertEquals(2, requests.size());
        for (LoggedRequest r : requests) {
            assertTrue(r.getUrl().contains("filter=dateLastModified%3E%272026-01-01T00%3A00%3A00Z%27"), r.getUrl());
            assertTrue(OAuth1Verifier.valid("GET", r.getAbsoluteUrl(), r.getHeader("Authorization"), "harbor secret/with+chars"),
                    "signature must verify for " + r.getAbsoluteUrl());
        }
        User first = (User) users.get(0);
        assertEquals("u-00000", first.sourcedId());
        assertEquals(Role.STUDENT, first.role());
        assertEquals(List.of("s-1"), first.orgSourcedIds());
        assertEquals(0, report.warningCount(), report.toString());
    }

    @Test
    void givenAnOAuth1Sha1District_whenUsersAreRead_thenTheSha1SignatureVerifies() throws Exception {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(usersPage(0, 1)).withHeader("X-Total-Count", "1")));
        OneRosterRestReader reader = reader(sis.getPort(),
                new OAuth1Signer("k", "s", OAuth1Signer.Method.HMAC_SHA1), 10, quickRetries());

        assertEquals(1, readUsers(reader, null, new ReadReport()).size());

        LoggedRequest r = sis.findAll(getRequestedFor(urlPathEqualTo(USERS))).get(0);
        assertTrue(r.getHeader("Authorization").contains("HMAC-SHA1"));
        assertTrue(OAuth1Verifier.valid("GET", r.getAbsoluteUrl(), r.getHeader("Authorization"), "s"));
    }

    @Test
    void givenAnOAuth2DistrictWithBasicClientAuth_whenThreePagesAreRead_thenOneTokenIsFetchedWithScopeAndReused() {
        sis.stubFor(post("/token")
                .withBasicAuth("harbor-client", "harbor-secret")
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("scope=https%3A%2F%2Fpurl.imsglobal.org%2Fspec%2For%2Fv1p1%2Fscope%2Froster-core.readonly"))
                .willReturn(okJson("{\"access_token\":\"tok-1\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", equalTo("Bearer tok-1"))
                .withQueryParam("offset", equalTo("0")).willReturn(okJson(usersPage(0, 2))));
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", equalTo("Bearer tok-1"))
                .withQueryParam("offset", equalTo("2")).willReturn(okJson(usersPage(2, 4))));
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", equalTo("Bearer tok-1"))
                .withQueryParam("offset", equalTo("4")).willReturn(okJson("{\"users\":[]}")));
        SisHttp http = new SisHttp(quickRetries(), "The token server");
        OAuth2ClientCredentials oauth2 = new OAuth2ClientCredentials(URI.create(sis.baseUrl() + "/token"),
                "harbor-client", "harbor-secret", OAuth2ClientCredentials.ONEROSTER_11_CORE_SCOPE,
                OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, http);

        List<RosterRecord> users = readUsers(reader(sis.getPort(), oauth2, 2, quickRetries()), null, new ReadReport());

        assertEquals(4, users.size());
        sis.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void givenAnOAuth2DistrictWithFormClientAuth_whenTheReadRuns_thenIdAndSecretGoInTheBody() {
        sis.stubFor(post("/token").withRequestBody(containing("client_id=lakeside"))
                .withRequestBody(containing("client_secret=s%26cret"))
                .willReturn(okJson("{\"access_token\":\"tok-form\",\"expires_in\":\"600\"}")));
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", equalTo("Bearer tok-form"))
                .willReturn(okJson(usersPage(0, 1)).withHeader("X-Total-Count", "1")));
        OAuth2ClientCredentials oauth2 = new OAuth2ClientCredentials(URI.create(sis.baseUrl() + "/token"), "lakeside",
                "s&cret", null, OAuth2ClientCredentials.ClientAuth.FORM_BODY, new SisHttp(quickRetries(), "token"));

        assertEquals(1, readUsers(reader(sis.getPort(), oauth2, 10, quickRetries()), null, new ReadReport()).size());
        assertNull(sis.findAll(postRequestedFor(urlEqualTo("/token"))).get(0).getHeader("Authorization"));
    }

    @Test
    void givenManyThreadsNeedingATokenAtOnce_thenOnlyOneTokenRequestIsMade() throws Exception {
        sis.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"shared\",\"expires_in\":3600}")
                .withFixedDelay(200)));
        OAuth2ClientCredentials oauth2 = new OAuth2ClientCredentials(URI.create(sis.baseUrl() + "/token"), "c", "s",
                null, OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, new SisHttp(quickRetries(), "token"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(pool.submit(() -> {
                start.await();
                return oauth2.accessToken();
            }));
        }
        start.countDown();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (Future<String> f : tokens) {
            seen.add(f.get(10, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertEquals(Set.of("shared"), seen);
        sis.verify(1, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void givenARevokedToken_whenTheServerAnswers401_thenTheTokenIsRenewedOnceAndTheReadGoesOn() {
        sis.stubFor(post("/token").inScenario("rotate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"old\",\"expires_in\":3600}")).willSetStateTo("second"));
        sis.stubFor(post("/token").inScenario("rotate").whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"new\",\"expires_in\":3600}")));
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", equalTo("Bearer old")).willReturn(unauthorized()));
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", equalTo("Bearer new"))
                .willReturn(okJson(usersPage(0, 2)).withHeader("X-Total-Count", "2")));
        OAuth2ClientCredentials oauth2 = new OAuth2ClientCredentials(URI.create(sis.baseUrl() + "/token"), "c", "s",
                null, OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, new SisHttp(quickRetries(), "token"));

        assertEquals(2, readUsers(reader(sis.getPort(), oauth2, 10, quickRetries()), null, new ReadReport()).size());
    }

    @Test
    void givenAServerThatClampsTheLimitAndSendsTotals_whenReading_thenShortPagesDoNotEndTheRead() {
        // We ask for 1000; the server gives 2 per page (like Ed-Fi's 500 cap) and says there are 5.
        for (int offset = 0; offset < 5; offset += 2) {
            sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo(String.valueOf(offset)))
                    .withQueryParam("limit", equalTo("1000")).withQueryParam("sort", equalTo("sourcedId"))
                    .willReturn(okJson(usersPage(offset, Math.min(offset + 2, 5))).withHeader("X-Total-Count", "5")));
        }

        List<RosterRecord> users = readUsers(reader(sis.getPort(), NO_AUTH, 1000, quickRetries()), null, new ReadReport());

        assertEquals(5, users.size());
        assertEquals("u-00004", users.get(4).sourcedId());
        sis.verify(3, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenAClampingServerWithoutTotalsOrLinks_whenReading_thenTheReadEndsOnlyAtAnEmptyPage() {
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("0")).willReturn(okJson(usersPage(0, 2))));
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("2")).willReturn(okJson(usersPage(2, 4))));
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("4")).willReturn(okJson(usersPage(4, 5))));
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("5")).willReturn(okJson("{\"users\":[]}")));

        assertEquals(5, readUsers(reader(sis.getPort(), NO_AUTH, 100, quickRetries()), null, new ReadReport()).size());
        sis.verify(4, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenAServerThatPagesWithRelativeLinkHeaders_whenReading_thenNextLinksAreFollowedUntilThereIsNone() {
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("offset", equalTo("0")).willReturn(okJson(usersPage(0, 2))
                .withHeader("Link", "<users?limit=2&offset=2&sort=sourcedId&cursor=abc>; rel=\"next\", <users?offset=4>; rel=\"last\"")));
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("cursor", equalTo("abc")).willReturn(okJson(usersPage(2, 4))
                .withHeader("Link", "<" + sis.baseUrl() + USERS + "?offset=4&cursor=def>; rel=\"next\"")));
        sis.stubFor(get(urlPathEqualTo(USERS)).withQueryParam("cursor", equalTo("def")).willReturn(okJson(usersPage(4, 5))
                .withHeader("Link", "<users?offset=0>; rel=\"first\"")));

        assertEquals(5, readUsers(reader(sis.getPort(), NO_AUTH, 2, quickRetries()), null, new ReadReport()).size());
        sis.verify(3, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenADeltaRead_thenTheFilterAsksForRecordsChangedAfterTheLastSync() {
        sis.stubFor(get(urlPathEqualTo(BASE_PATH + "/enrollments"))
                .withQueryParam("filter", equalTo("dateLastModified>'2026-03-01T06:30:00Z'"))
                .willReturn(okJson("{\"enrollments\":[{\"sourcedId\":\"e1\",\"status\":\"tobedeleted\","
                        + "\"dateLastModified\":\"2026-03-02T00:00:00Z\",\"role\":\"teacher\",\"primary\":true,"
                        + "\"user\":{\"href\":\"https://x/users/t1\",\"sourcedId\":\"t1\",\"type\":\"user\"},"
                        + "\"class\":{\"href\":\"https://x/classes/c1\",\"sourcedId\":\"c1\",\"type\":\"class\"},"
                        + "\"school\":{\"href\":\"https://x/orgs/s1\",\"sourcedId\":\"s1\",\"type\":\"org\"}}]}")
                        .withHeader("X-Total-Count", "1")));
        List<RosterRecord> out = new ArrayList<>();

        reader(sis.getPort(), NO_AUTH, 100, quickRetries()).read(RosterCollection.ENROLLMENTS,
                Instant.parse("2026-03-01T06:30:00Z"), out::add, new ReadReport());

        assertEquals(1, out.size());
        io.rosterline.sis.model.Enrollment e = (io.rosterline.sis.model.Enrollment) out.get(0);
        assertEquals("c1", e.classSourcedId());
        assertEquals(Role.TEACHER, e.role());
        assertEquals(io.rosterline.sis.model.Status.TOBEDELETED, e.status());
    }

    @Test
    void givenA429WithRetryAfter_whenReading_thenTheReaderWaitsThatLongAndSucceeds() {
        sis.stubFor(get(urlPathEqualTo(USERS)).inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        sis.stubFor(get(urlPathEqualTo(USERS)).inScenario("rate").whenScenarioStateIs("ok")
                .willReturn(okJson(usersPage(0, 2)).withHeader("X-Total-Count", "2")));
        long start = System.nanoTime();

        assertEquals(2, readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()).size());

        long waitedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(waitedMs >= 950, "waited only " + waitedMs + " ms although Retry-After said 1 s");
    }

    @Test
    void givenA503ThenSuccess_whenReading_thenTheReadRetriesAndCompletes() {
        sis.stubFor(get(urlPathEqualTo(USERS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("maintenance")).willSetStateTo("ok"));
        sis.stubFor(get(urlPathEqualTo(USERS)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(okJson(usersPage(0, 3)).withHeader("X-Total-Count", "3")));

        assertEquals(3, readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()).size());
        sis.verify(2, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenAServerThatStaysDown_whenRetriesRunOut_thenThePlainMessageSaysSo() {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(502)));

        SisException e = assertThrows(SisException.Unavailable.class,
                () -> readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()));

        assertTrue(e.getMessage().contains("HTTP 502") && e.getMessage().contains("gave up after 3 retries"), e.getMessage());
        sis.verify(4, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenASlowFirstAnswer_whenTheRequestTimesOut_thenItIsRetriedAndTheReadCompletes() {
        sis.stubFor(get(urlPathEqualTo(USERS)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(usersPage(0, 1)).withFixedDelay(5000)).willSetStateTo("fast"));
        sis.stubFor(get(urlPathEqualTo(USERS)).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(okJson(usersPage(0, 1)).withHeader("X-Total-Count", "1")));
        HttpSettings shortTimeout = quickRetries().withRequestTimeout(Duration.ofMillis(1000));

        assertEquals(1, readUsers(reader(sis.getPort(), NO_AUTH, 10, shortTimeout), null, new ReadReport()).size());
        // At least the timed-out request and its retry; on a loaded machine a fast answer may miss the timeout once more.
        sis.verify(com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(2), getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenAServerThatNeverAnswersInTime_thenTheErrorSaysItDidNotAnswer() {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson(usersPage(0, 1)).withFixedDelay(1500)));
        HttpSettings shortTimeout = quickRetries().withRequestTimeout(Duration.ofMillis(300))
                .withRetry(quickRetries().retry().withMaxRetries(1));

        SisException e = assertThrows(SisException.Unavailable.class,
                () -> readUsers(reader(sis.getPort(), NO_AUTH, 10, shortTimeout), null, new ReadReport()));
        assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
    }

    @Test
    void givenA200WithoutTheUsersList_thenTheReadFailsInsteadOfReturningAnEmptyRoster() {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(okJson("{\"data\":[],\"meta\":{\"total\":0}}")));

        SisException e = assertThrows(SisException.NotOneRoster.class,
                () -> readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()));
        assertTrue(e.getMessage().contains("without the 'users' list") && e.getMessage().contains("data, meta"), e.getMessage());
    }

    @Test
    void givenAnHtmlLoginPageWith200_thenTheErrorSaysTheBaseUrlIsNotTheApi() {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(ok("<html><body>Sign in</body></html>")
                .withHeader("Content-Type", "text/html")));

        SisException e = assertThrows(SisException.NotOneRoster.class,
                () -> readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()));
        assertTrue(e.getMessage().contains("text/html"), e.getMessage());
    }

    @Test
    void givenAnImsxFailurePayload_thenItsDescriptionBecomesThePlainMessage() {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\",\"imsx_description\":"
                        + "\"The filter field 'dateLastModifed' is not supported\",\"imsx_CodeMinor\":{\"imsx_codeMinorField\":"
                        + "[{\"imsx_codeMinorFieldName\":\"TargetEndSystem\",\"imsx_codeMinorFieldValue\":\"invalid_filter_field\"}]}}")));

        SisException e = assertThrows(SisException.SourceError.class,
                () -> readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()));
        assertTrue(e.getMessage().contains("The filter field 'dateLastModifed' is not supported (failure, invalid_filter_field)"),
                e.getMessage());
    }

    @Test
    void givenAWrongSecret_then401BecomesBadCredentialsNamingTheKind() {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"imsx_codeMajor\":\"failure\",\"imsx_description\":\"Invalid signature\"}")));

        SisException e = assertThrows(SisException.BadCredentials.class, () -> readUsers(reader(sis.getPort(),
                new OAuth1Signer("k", "wrong", OAuth1Signer.Method.HMAC_SHA256), 10, quickRetries()), null, new ReadReport()));
        assertTrue(e.getMessage().contains("OAuth 1.0a") && e.getMessage().contains("Invalid signature"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the secret must never appear in messages");
    }

    @Test
    void givenTheWrongBasePath_then404SaysSo() {
        SisException e = assertThrows(SisException.WrongBasePath.class,
                () -> readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()));
        assertTrue(e.getMessage().contains("base URL"), e.getMessage());
    }

    @Test
    void givenARedirectToAnInternalAddress_thenItIsNotFollowedAndTheMessageSaysWhere() {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

        SisException e = assertThrows(SisException.SourceError.class,
                () -> readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()));
        assertTrue(e.getMessage().contains("redirect") && e.getMessage().contains("169.254.169.254"), e.getMessage());
        sis.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/latest/.*")));
    }

    @Test
    void givenAHostThatDoesNotExist_thenHostNotFound() {
        OneRosterRestReader reader = new OneRosterRestReader(new OneRosterRestReader.Config(
                URI.create("http://no-such-sis.invalid/ims/oneroster/v1p1"), NO_AUTH, 10, quickRetries(),
                OneRosterRestReader.Version.V1P1));

        SisException e = assertThrows(SisException.HostNotFound.class, () -> readUsers(reader, null, new ReadReport()));
        assertTrue(e.getMessage().contains("no-such-sis.invalid"), e.getMessage());
    }

    @Test
    void givenNothingListeningOnThePort_thenUnreachableAfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SisException e = assertThrows(SisException.Unreachable.class,
                () -> readUsers(reader(closedPort, NO_AUTH, 10, quickRetries()), null, new ReadReport()));
        assertTrue(e.getMessage().contains("refused the connection"), e.getMessage());
    }

    @Test
    void givenAConnectionThatDropsMidResponse_thenItIsRetried() {
        sis.stubFor(get(urlPathEqualTo(USERS)).inScenario("drop").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        sis.stubFor(get(urlPathEqualTo(USERS)).inScenario("drop").whenScenarioStateIs("ok")
                .willReturn(okJson(usersPage(0, 1)).withHeader("X-Total-Count", "1")));

        assertEquals(1, readUsers(reader(sis.getPort(), NO_AUTH, 10, quickRetries()), null, new ReadReport()).size());
    }

    @Test
    void givenAHostThatKeepsFailing_thenTheCircuitBreakerOpensAndStopsCallingIt() {
        sis.stubFor(get(urlPathEqualTo(USERS)).willReturn(aResponse().withStatus(500)));
        HttpSettings breaker = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                new RetryPolicy(10, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(1), 4, 1.0,
                        Duration.ofSeconds(60)));

        SisException e = assertThrows(SisException.Unavailable.class,
                () -> readUsers(reader(sis.getPort(), NO_AUTH, 10, breaker), null, new ReadReport()));

        assertTrue(e.getMessage().contains("paused"), e.getMessage());
        sis.verify(4, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenNestedEndpoints_thenTheyAreReadWithTheirOwnEnvelope() {
        sis.stubFor(get(urlPathEqualTo(BASE_PATH + "/classes/c%201/students"))
                .willReturn(okJson(usersPage(0, 2)).withHeader("X-Total-Count", "2")));
        sis.stubFor(get(urlPathEqualTo(BASE_PATH + "/schools")).willReturn(okJson("{\"orgs\":[{\"sourcedId\":\"s1\","
                + "\"status\":\"active\",\"dateLastModified\":\"2026-01-01T00:00:00Z\",\"name\":\"Harbor High\",\"type\":\"school\"}]}")
                .withHeader("X-Total-Count", "1")));
        OneRosterRestReader reader = reader(sis.getPort(), NO_AUTH, 10, quickRetries());
        List<RosterRecord> students = new ArrayList<>();

        reader.read(Endpoint.studentsOfClass("c 1"), null, students::add, new ReadReport());

        assertEquals(2, students.size());
        assertEquals("Harbor High", reader.listSchools().get(0).name());
    }
}
