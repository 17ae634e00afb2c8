package io.rosterline.sis.oneroster;

import io.rosterline.sis.auth.Authenticator;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.http.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small builders for OneRoster JSON pages and readers pointed at a WireMock server. */
final class RestFixtures {

    static final String BASE_PATH = "/ims/oneroster/v1p1";

    private RestFixtures() {
    }

    /** Fast retries so that fault tests take milliseconds, not minutes. */
    static HttpSettings quickRetries() {
        return new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(3), 50, 0.99,
                        Duration.ofSeconds(5)));
    }

    static OneRosterRestReader reader(int port, Authenticator auth, int pageSize, HttpSettings http) {
        return new OneRosterRestReader(new OneRosterRestReader.Config(
                URI.create("http://localhost:" + port + BASE_PATH), auth, pageSize, http, OneRosterRestReader.Version.V1P1));
    }

    static String user(int i) {
        return """
                {"sourcedId":"u-%05d","status":"active","dateLastModified":"2026-01-15T10:00:00.000Z",
                 "enabledUser":true,"username":"user%d","givenName":"Given%d","familyName":"Family%d",
                 "role":"student","identifier":"%d","email":"user%d@harbor.example",
                 "orgs":[{"href":"https://sis.example/ims/oneroster/v1p1/orgs/s-1","sourcedId":"s-1","type":"org"}],
                 "grades":["05"]}""".formatted(i, i, i, i, i, i);
    }

    static String usersPage(int from, int toExclusive) {
        return "{\"users\":[" + IntStream.range(from, toExclusive).mapToObj(RestFixtures::user)
                .collect(Collectors.joining(",")) + "]}";
    }
}
