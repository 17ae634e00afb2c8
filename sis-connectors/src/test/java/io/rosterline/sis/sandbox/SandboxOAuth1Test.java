package io.rosterline.sis.sandbox;

import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.User;
import io.rosterline.sis.oneroster.Endpoint;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** The production OAuth 1.0a signer against the sandbox's independent verifier, over real HTTP. */
class SandboxOAuth1Test {

    private static SandboxSis sandbox;
    private static List<User> everyone;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxSis.start(SandboxSis.Config.defaults().students(600).seed(11).threads(2));
        everyone = new ArrayList<>();
        reader(new OAuth1Signer(sandbox.clientId(), sandbox.clientSecret(), OAuth1Signer.Method.HMAC_SHA256))
                .read(RosterCollection.USERS, null, r -> everyone.add((User) r), new ReadReport());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void freshCounters() {
        sandbox.reset();
    }

    private static OneRosterRestReader reader(OAuth1Signer signer) {
        return new OneRosterRestReader(new OneRosterRestReader.Config(URI.create(sandbox.oneRoster11Url()), signer, 50,
                SandboxReadTest.fastRetries(), OneRosterRestReader.Version.V1P1));
    }

    private static long stat(String name) {
        return sandbox.stats().get(name);
    }

    private static List<String> read(OAuth1Signer.Method method, String filter) {
        List<String> ids = new ArrayList<>();
        reader(new OAuth1Signer(sandbox.clientId(), sandbox.clientSecret(), method))
                .read(Endpoint.of(RosterCollection.USERS), null, filter, r -> ids.add(r.sourcedId()), new ReadReport());
        return ids;
    }

    @ParameterizedTest
    @EnumSource(OAuth1Signer.Method.class)
    void givenAFilterWithSpacesQuotesEqualsAndGreaterThan_whenSignedAndSent_thenTheSandboxVerifiesItAndFiltersExactly(
            OAuth1Signer.Method method) {
        String nobody = "familyName='O Brien' AND dateLastModified>'2026-01-01T00:00:00Z'";
        String everybodyBut = "familyName!='O Brien' AND dateLastModified>'2026-01-01T00:00:00Z'";
        String family = everyone.get(3).familyName();
        String oneFamily = "familyName='" + family + "' AND dateLastModified>'2026-01-01T00:00:00Z'";

        List<String> none = read(method, nobody);
        List<String> all = read(method, everybodyBut);
        List<String> some = read(method, oneFamily);

        assertEquals(List.of(), none);
        assertEquals(everyone.stream().map(User::sourcedId).toList(), all);
        assertEquals(everyone.stream().filter(u -> family.equals(u.familyName())).map(User::sourcedId).toList(), some);
        assertTrue(some.size() > 1 && some.size() < everyone.size(), "a real subset: " + some.size());
        assertEquals(0, stat("auth.oauth1.rejected"), "every signed page must verify");
        assertTrue(stat("auth.oauth1.ok") >= 3 + all.size() / 50);
    }

    @ParameterizedTest
    @EnumSource(OAuth1Signer.Method.class)
    void givenOurClockTenMinutesBehind_whenTheSandboxRefusesTheTimestamp_thenTheSignerTakesItsDateAndTheReadCompletes(
            OAuth1Signer.Method method) {
        OAuth1Signer slowClock = new OAuth1Signer(sandbox.clientId(), sandbox.clientSecret(), null, null, method,
                () -> Instant.now().getEpochSecond() - 600, () -> UUID.randomUUID().toString());
        List<String> ids = new ArrayList<>();

        reader(slowClock).read(RosterCollection.USERS, Instant.parse("2020-01-01T00:00:00Z"), r -> ids.add(r.sourcedId()),
                new ReadReport());

        assertEquals(everyone.size(), ids.size());
        assertEquals(1, stat("auth.oauth1.rejected"), "one stale-timestamp refusal, then signed with the server's time");
        assertTrue(Math.abs(slowClock.clockOffsetSeconds() - 600) <= 2, "offset " + slowClock.clockOffsetSeconds());
    }
}
