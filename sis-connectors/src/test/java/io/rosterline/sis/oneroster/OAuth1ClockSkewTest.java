package io.rosterline.sis.oneroster;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.SisException;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.model.RosterCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.rosterline.sis.oneroster.RestFixtures.BASE_PATH;
import static io.rosterline.sis.oneroster.RestFixtures.quickRetries;
import static io.rosterline.sis.oneroster.RestFixtures.reader;
import static io.rosterline.sis.oneroster.RestFixtures.usersPage;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A OneRoster server whose clock runs 10 minutes ahead of ours, verifying OAuth 1.0a timestamps within ±300 s of its
 * own clock the way real servers (and the sandbox) do, and answering refusals with its Date header.
 */
class OAuth1ClockSkewTest {

    @RegisterExtension
    static WireMockExtension sis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String USERS = BASE_PATH + "/users";
    private static final Pattern TIMESTAMP = Pattern.compile("oauth_timestamp=\"(\\d+)\"");

    @BeforeEach
    void reset() {
        sis.resetAll();
    }

    private static long timestamp(String authorization) {
        Matcher m = TIMESTAMP.matcher(authorization == null ? "" : authorization);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The server: accepts signatures whose timestamp is within 300 s of its clock, refuses others with its Date. */
    private static void serverWithClockOffset(long offsetSeconds) {
        long serverNow = Instant.now().getEpochSecond() + offsetSeconds;
        sis.stubFor(get(urlPathEqualTo(USERS)).atPriority(1)
                .andMatching(request -> MatchResult.of(Math.abs(timestamp(request.getHeader("Authorization")) - serverNow) <= 300))
                .willReturn(okJson(usersPage(0, 2)).withHeader("X-Total-Count", "2")));
        sis.stubFor(get(urlPathEqualTo(USERS)).atPriority(2).willReturn(aResponse().withStatus(401)
                .withHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(serverNow).atOffset(ZoneOffset.UTC)))
                .withHeader("Content-Type", "application/json")
                .withBody("{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\",\"imsx_description\":\"oauth_timestamp is too far from server time\"}")));
    }

    @Test
    void givenAServerTenMinutesAhead_whenTheFirstSignedRequestIsRefused_thenTheOffsetIsLearnedFromDateAndTheReadCompletes() throws Exception {
        serverWithClockOffset(600);
        OAuth1Signer signer = new OAuth1Signer("harbor-key", "harbor-secret", OAuth1Signer.Method.HMAC_SHA256);

        ReadReport report = new ReadReport();
        reader(sis.getPort(), signer, 10, quickRetries()).read(RosterCollection.USERS, null, r -> { }, report);

        assertEquals(2, report.count(RosterCollection.USERS));
        assertTrue(Math.abs(signer.clockOffsetSeconds() - 600) <= 2, "learned offset " + signer.clockOffsetSeconds());
        List<LoggedRequest> requests = sis.findAll(getRequestedFor(urlPathEqualTo(USERS)));
        assertEquals(2, requests.size(), "one refusal, one re-signed retry");
        long first = timestamp(requests.get(0).getHeader("Authorization"));
        long second = timestamp(requests.get(1).getHeader("Authorization"));
        assertTrue(second - first >= 598, "the retry carries the server's time: " + first + " then " + second);
        assertTrue(OAuth1Verifier.valid("GET", requests.get(1).getAbsoluteUrl(), requests.get(1).getHeader("Authorization"),
                "harbor-secret"), "the re-signed request must verify");
    }

    @Test
    void givenTheOffsetWasLearned_whenTheNextReadRuns_thenItIsSignedRightTheFirstTime() {
        serverWithClockOffset(-480);
        OAuth1Signer signer = new OAuth1Signer("harbor-key", "harbor-secret", OAuth1Signer.Method.HMAC_SHA1);
        OneRosterRestReader reader = reader(sis.getPort(), signer, 10, quickRetries());
        reader.read(RosterCollection.USERS, null, r -> { }, new ReadReport());
        sis.resetRequests();

        reader.read(RosterCollection.USERS, null, r -> { }, new ReadReport());

        sis.verify(1, getRequestedFor(urlPathEqualTo(USERS)));
    }

    @Test
    void givenARefusalFromAServerWhoseClockAgreesWithOurs_thenItIsBadCredentialsWithoutARetry() {
        serverWithClockOffset(0);
        sis.stubFor(get(urlPathEqualTo(USERS)).atPriority(1).withHeader("Authorization", containing("wrong-key"))
                .willReturn(aResponse().withStatus(401).withHeader("Date",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)))));
        OAuth1Signer signer = new OAuth1Signer("wrong-key", "s", OAuth1Signer.Method.HMAC_SHA256);

        assertThrows(SisException.BadCredentials.class, () -> reader(sis.getPort(), signer, 10, quickRetries())
                .read(RosterCollection.USERS, null, r -> { }, new ReadReport()));

        sis.verify(1, getRequestedFor(urlPathEqualTo(USERS)));
        assertEquals(0, signer.clockOffsetSeconds());
    }
}
