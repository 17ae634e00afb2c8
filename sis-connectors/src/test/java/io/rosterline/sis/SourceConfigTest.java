package io.rosterline.sis;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.rosterline.sis.auth.OAuth1Signer;
import io.rosterline.sis.auth.OAuth2ClientCredentials;
import io.rosterline.sis.http.HttpSettings;
import io.rosterline.sis.model.RosterCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.*;

/** A source opened from the settings map roster-api stores and the worker passes on, against WireMock. */
class SourceConfigTest {

    @RegisterExtension
    static WireMockExtension sis = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String USERS = "/ims/oneroster/v1p1/users";
    private static final String ONE_USER = "{\"users\":[{\"sourcedId\":\"u1\",\"status\":\"active\",\"dateLastModified\":"
            + "\"2026-01-01T00:00:00Z\",\"username\":\"ana\",\"role\":\"student\"}]}";

    @BeforeEach
    void reset() {
        sis.resetAll();
    }

    private static long readUsers(Map<String, String> settings) {
        try (RosterReader reader = RosterReaders.open(SourceConfig.fromSettings(SourceKind.ONEROSTER_REST, settings,
                HttpSettings.defaults()))) {
            return reader.read(RosterCollection.USERS, null, r -> { }).count(RosterCollection.USERS);
        }
    }

    @Test
    void givenOAuth1SignatureMethodHmacSha1InTheSettings_whenTheSourceIsRead_thenRequestsAreSignedWithSha1() {
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", containing("oauth_signature_method=\"HMAC-SHA1\""))
                .willReturn(okJson(ONE_USER).withHeader("X-Total-Count", "1")));

        long users = readUsers(Map.of("base-url", sis.baseUrl() + "/ims/oneroster/v1p1", "auth", "oauth1",
                "client-id", "k", "client-secret", "s", "oauth1-signature-method", "hmac-sha1", "page-size", "10"));

        assertEquals(1, users);
        sis.verify(getRequestedFor(urlPathEqualTo(USERS)).withQueryParam("limit", equalTo("10")));
    }

    @Test
    void givenNoSignatureMethod_whenTheSourceIsRead_thenHmacSha256IsUsed() {
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", containing("oauth_signature_method=\"HMAC-SHA256\""))
                .willReturn(okJson(ONE_USER).withHeader("X-Total-Count", "1")));

        assertEquals(1, readUsers(Map.of("base-url", sis.baseUrl() + "/ims/oneroster/v1p1", "client-id", "k",
                "client-secret", "s")));
    }

    @Test
    void givenOAuth2ClientAuthFormInTheSettings_whenTheTokenIsFetched_thenTheCredentialsGoInTheBody() {
        sis.stubFor(post("/oauth/token").withHeader("Authorization", absent())
                .withRequestBody(containing("client_id=lakeside")).withRequestBody(containing("client_secret=s3cret"))
                .willReturn(okJson("{\"access_token\":\"tok\",\"expires_in\":600}")));
        sis.stubFor(get(urlPathEqualTo(USERS)).withHeader("Authorization", equalTo("Bearer tok"))
                .willReturn(okJson(ONE_USER).withHeader("X-Total-Count", "1")));

        // No token-url: OneRoster's common default, /oauth/token on the base URL's host.
        assertEquals(1, readUsers(Map.of("base-url", sis.baseUrl() + "/ims/oneroster/v1p1", "auth", "oauth2",
                "client-id", "lakeside", "client-secret", "s3cret", "oauth2-client-auth", "form")));
    }

    @Test
    void givenValuesThatCannotBeRead_thenTheErrorNamesWhatIsWrong() {
        IllegalArgumentException method = assertThrows(IllegalArgumentException.class, () -> SourceConfig.fromSettings(
                SourceKind.ONEROSTER_REST, Map.of("oauth1-signature-method", "RSA-SHA1"), HttpSettings.defaults()));
        assertTrue(method.getMessage().contains("hmac-sha256 or hmac-sha1"), method.getMessage());
        IllegalArgumentException clientAuth = assertThrows(IllegalArgumentException.class, () -> SourceConfig.fromSettings(
                SourceKind.ONEROSTER_REST, Map.of("oauth2-client-auth", "jwt"), HttpSettings.defaults()));
        assertTrue(clientAuth.getMessage().contains("basic or form"), clientAuth.getMessage());
        IllegalArgumentException pageSize = assertThrows(IllegalArgumentException.class, () -> SourceConfig.fromSettings(
                SourceKind.ONEROSTER_REST, Map.of("page-size", "lots"), HttpSettings.defaults()));
        assertTrue(pageSize.getMessage().contains("page-size"), pageSize.getMessage());
        assertEquals(OAuth1Signer.Method.HMAC_SHA1, SourceConfig.signatureMethod("HMAC-SHA1"));
        assertEquals(OAuth2ClientCredentials.ClientAuth.BASIC_HEADER, SourceConfig.clientAuth("basic"));
        assertNull(SourceConfig.signatureMethod(" "));
    }
}
