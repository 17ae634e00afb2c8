package io.rosterline.sis.sandbox;

import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sandbox.Summary;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.RosterReaders;
import io.rosterline.sis.SisException;
import io.rosterline.sis.SourceConfig;
import io.rosterline.sis.SourceKind;
import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.csv.OneRosterCsvReader;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.RetryPolicy;
import io.rosterline.sis.http.SisHttp;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.User;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** Reads the sandbox SIS (a deterministic synthetic district) over real HTTP, with and without its fault switches. */
class SandboxReadTest {

    private static SandboxSis sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxSis.start(SandboxSis.Config.defaults().students(2000).seed(42).threads(2));
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void cleanDistrict() {
        sandbox.reset();
    }

    static HttpSettings fastRetries() {
        return new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(10),
                new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(2), 200, 0.99,
                        Duration.ofSeconds(5)));
    }

    private OneRosterRestReader oauth2Reader(int pageSize, HttpSettings http) {
        OAuth2ClientCredentials oauth2 = new OAuth2ClientCredentials(URI.create(sandbox.tokenUrl()), sandbox.clientId(),
                sandbox.clientSecret(), OAuth2ClientCredentials.ONEROSTER_11_CORE_SCOPE,
                OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, new SisHttp(http, "token"));
        return reader(oauth2, pageSize, http);
    }

    private OneRosterRestReader reader(Authenticator auth, int pageSize, HttpSettings http) {
        return new OneRosterRestReader(new OneRosterRestReader.Config(URI.create(sandbox.oneRoster11Url()), auth,
                pageSize, http, OneRosterRestReader.Version.V1P1));
    }

    private static void assertMatchesSandbox(ReadReport report, Summary expected) {
        for (RosterCollection c : RosterCollection.values()) {
            assertEquals(expected.get(c.oneRosterName()).total(), report.count(c), c + ": " + report);
        }
        assertEquals(0, report.errorCount(), report.toString());
    }

    @Test
    void givenAnOAuth2District_whenEverythingIsRead_thenEveryCollectionMatchesTheSandbox() {
        ReadReport report = oauth2Reader(500, fastRetries()).readAll(null, r -> { });

        assertMatchesSandbox(report, sandbox.expectedSummary());
    }

    @Test
    void givenAnOAuth1District_whenUsersAreReadWithSha256AndSha1_thenTheSandboxAcceptsBothSignatures() {
        long expected = sandbox.expectedSummary().get("users").total();
        for (OAuth1Signer.Method method : OAuth1Signer.Method.values()) {
            ReadReport report = reader(new OAuth1Signer(sandbox.clientId(), sandbox.clientSecret(), method), 1000,
                    fastRetries()).read(RosterCollection.USERS, null, r -> { });
            assertEquals(expected, report.count(RosterCollection.USERS), method.name());
        }
    }

    @Test
    void givenAWrongSecret_thenBadCredentials() {
        assertThrows(SisException.BadCredentials.class, () -> reader(new OAuth1Signer(sandbox.clientId(), "nope",
                OAuth1Signer.Method.HMAC_SHA256), 100, fastRetries()).read(RosterCollection.ORGS, null, r -> { }));
    }

    @Test
    void givenAServerThatClampsTheLimitAndSendsNoCounts_whenUsersAreRead_thenNoneAreLostOrDuplicated() {
        sandbox.faults().maxLimit = 37;
        sandbox.faults().omitCountHeaders = true;
        Set<String> ids = new HashSet<>();

        ReadReport report = oauth2Reader(1000, fastRetries()).read(RosterCollection.USERS, null, r -> ids.add(r.sourcedId()));

        long expected = sandbox.expectedSummary().get("users").total();
        assertEquals(expected, report.count(RosterCollection.USERS));
        assertEquals(expected, ids.size());
    }

    @Test
    void givenShortPagesWhileMoreExist_thenTheReadStillGetsEverything() {
        sandbox.faults().shortPageEvery = 3;

        ReadReport report = oauth2Reader(200, fastRetries()).read(RosterCollection.ENROLLMENTS, null, r -> { });

        assertEquals(sandbox.expectedSummary().get("enrollments").total(), report.count(RosterCollection.ENROLLMENTS));
    }

    @Test
    void givenAFirstSyncAndThenChanges_whenADeltaIsRead_thenOnlyChangedRecordsArrive() {
        Instant lastSync = Instant.parse("2026-09-01T00:00:00Z");
        assertEquals(0, oauth2Reader(500, fastRetries()).read(RosterCollection.USERS, lastSync, r -> { })
                .count(RosterCollection.USERS), "nothing changed since the generated roster");

        int dropped = sandbox.roster().dropStudents(5, Instant.parse("2026-09-02T00:00:00Z")).affected();
        AtomicLong tobedeleted = new AtomicLong();
        ReadReport delta = oauth2Reader(500, fastRetries()).read(RosterCollection.USERS, lastSync, r -> {
            if (r.status() == Status.TOBEDELETED) {
                tobedeleted.incrementAndGet();
            }
        });

        assertTrue(dropped > 0);
        assertEquals(dropped, delta.count(RosterCollection.USERS));
        assertEquals(dropped, tobedeleted.get());
    }

    @Test
    void givenRateLimitingWithRetryAfter_thenTheReadWaitsAndCompletes() {
        sandbox.faults().http429Burst.set(2);
        sandbox.faults().retryAfterSeconds = 1;
        long start = System.nanoTime();

        ReadReport report = oauth2Reader(1000, fastRetries()).read(RosterCollection.USERS, null, r -> { });

        assertEquals(sandbox.expectedSummary().get("users").total(), report.count(RosterCollection.USERS));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1900, "two Retry-After: 1 waits");
    }

    @Test
    void givenEveryFifth503_thenRetriesCarryTheReadThrough() {
        sandbox.faults().http503Every = 5;
        sandbox.faults().retryAfterSeconds = 0;

        ReadReport report = oauth2Reader(300, fastRetries()).read(RosterCollection.ENROLLMENTS, null, r -> { });

        assertEquals(sandbox.expectedSummary().get("enrollments").total(), report.count(RosterCollection.ENROLLMENTS));
    }

    @Test
    void givenConnectionsCutMidBody_thenThePageIsFetchedAgainWithoutDuplicates() {
        sandbox.faults().resetEvery = 4;
        Set<String> ids = new HashSet<>();
        AtomicLong records = new AtomicLong();

        // A cut body stalls rather than closes: the idle timeout (here 1 s) notices and the page is fetched again.
        HttpSettings idle = fastRetries().withRequestTimeout(Duration.ofSeconds(1));
        ReadReport report = oauth2Reader(2000, idle).read(RosterCollection.ENROLLMENTS, null, r -> {
            ids.add(r.sourcedId());
            records.incrementAndGet();
        });

        long expected = sandbox.expectedSummary().get("enrollments").total();
        assertEquals(expected, report.count(RosterCollection.ENROLLMENTS));
        assertEquals(expected, records.get());
        assertEquals(expected, ids.size());
    }

    @Test
    void givenASlowServer_thenTimeoutsAreRetriedAndThenReportedPlainly() {
        sandbox.faults().delayMs = 800;
        HttpSettings impatient = fastRetries().withRequestTimeout(Duration.ofMillis(200))
                .withRetry(fastRetries().retry().withMaxRetries(1));

        SisException e = assertThrows(SisException.Unavailable.class,
                () -> oauth2Reader(100, impatient).read(RosterCollection.ORGS, null, r -> { }));
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    }

    @Test
    void givenTheSandboxCsvExport_whenReadAsAZip_thenActiveCountsMatch(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("sandbox.zip");
        sandbox.writeCsvZip(zip, false);
        Summary expected = sandbox.expectedSummary();

        try (OneRosterCsvReader reader = OneRosterCsvReader.open(zip)) {
            ReadReport report = reader.readAll(null, r -> { });
            for (RosterCollection c : RosterCollection.values()) {
                assertEquals(expected.get(c.oneRosterName()).active(), report.count(c), c + ": " + report);
            }
            assertEquals(0, report.errorCount(), report.toString());
        }
    }

    @Test
    void givenTheSourceFactory_whenAOneRoster12DistrictIsOpened_thenItReadsOverOAuth2AndMapsRolesPrimaryOrgAndProfiles() {
        SourceConfig config = new SourceConfig(SourceKind.ONEROSTER12_REST, URI.create(sandbox.oneRoster12Url()),
                sandbox.clientId(), sandbox.clientSecret(), "oauth2", URI.create(sandbox.tokenUrl()), null, null, 500,
                fastRetries());
        Map<String, User> v12 = new HashMap<>();
        try (RosterReader reader = RosterReaders.open(config)) {
            ReadReport report = reader.readAll(null, r -> {
                if (r instanceof User u) {
                    v12.put(u.sourcedId(), u);
                }
            });
            assertMatchesSandbox(report, sandbox.expectedSummary());
        }
        // The same district over 1.1 says each user's role and school with role and orgs[]; 1.2 with roles[],
        // primaryOrg and userProfiles. Both must end up in the same model fields.
        Map<String, User> v11 = new HashMap<>();
        oauth2Reader(1000, fastRetries()).read(RosterCollection.USERS, null, r -> v11.put(r.sourcedId(), (User) r));
        assertEquals(v11.keySet(), v12.keySet());
        int teachers = 0;
        for (User u : v12.values()) {
            User old = v11.get(u.sourcedId());
            assertEquals(1, u.roles().size(), u.sourcedId());
            User.UserRole role = u.roles().get(0);
            assertEquals("primary", role.roleType());
            assertEquals(old.role(), role.role(), "roles[0].role");
            assertEquals(old.role(), u.role(), "the primary role is the user's role");
            assertEquals(old.orgSourcedIds(), List.of(role.orgSourcedId()), "roles[0].org");
            assertEquals(old.orgSourcedIds(), u.orgSourcedIds(), "primaryOrg and the role's org are the user's orgs");
            assertEquals(1, u.userProfiles().size());
            User.UserProfile profile = u.userProfiles().get(0);
            assertEquals("prof-" + u.sourcedId(), profile.profileId());
            assertEquals("sso", profile.profileType());
            assertEquals("rosterline-sandbox", profile.vendorId());
            assertEquals("username", profile.credentialType());
            assertEquals(old.username(), profile.username());
            assertEquals(old.username(), u.username());
            if (u.role() == Role.TEACHER) {
                teachers++;
            }
        }
        assertEquals(sandbox.expectedSummary().get("teachers").total(), teachers);
    }
}
