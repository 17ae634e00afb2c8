package io.rosterline.api.credentials;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import io.rosterline.sandbox.SandboxSis;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CREDENTIALS step against a real (embedded) sandbox SIS and WireMock for servers that are not OneRoster. */
@QuarkusTest
class CredentialsResourceTest {

    static SandboxSis sis;
    static WireMockServer web;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    SecretBox secretBox;

    @BeforeAll
    static void startSis() {
        sis = SandboxSis.start(SandboxSis.Config.defaults().students(600).credentials("harbor-client", "hArB0r-s3cret-" + UUID.randomUUID()));
        web = new WireMockServer(options().dynamicPort());
        web.start();
        web.stubFor(get(urlPathMatching("/portal/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html><body>Welcome to the SIS portal</body></html>")));
    }

    @AfterAll
    static void stopSis() {
        sis.stop();
        web.stop();
    }

    static Map<String, Object> oauth2() {
        Map<String, Object> body = new HashMap<>();
        body.put("baseUrl", sis.oneRoster11Url());
        body.put("clientId", sis.clientId());
        body.put("clientSecret", sis.clientSecret());
        body.put("authMethod", "OAUTH2");
        body.put("tokenUrl", sis.tokenUrl());
        return body;
    }

    static ValidatableResponse save(UUID district, Map<String, Object> body) {
        return as(Tokens.districtAdmin(district)).body(body).put("/api/v1/districts/" + district + "/credentials").then();
    }

    static ValidatableResponse credentialsStep(UUID district) {
        return as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/checklist").then().statusCode(200);
    }

    private static int schools() {
        return sis.expectedSummary().get("schools").total();
    }

    @Test
    void given_a_district_when_the_admin_saves_valid_oauth2_credentials_then_response_and_checklist_say_valid_with_the_school_count() {
        UUID district = Districts.fresh("Harbor OAuth2 USD");
        save(district, oauth2()).statusCode(200)
                .body("configured", equalTo(true))
                .body("validation.status", equalTo("VALID"))
                .body("validation.schoolCount", equalTo(schools()))
                .body("validation.message", containsString(schools() + " schools"))
                .body("validation.checkedAt", not(nullValue()))
                .body("workingMethod", equalTo("OAUTH2"))
                .body("secretSet", equalTo(true))
                .body("secretLastFour", equalTo(sis.clientSecret().substring(sis.clientSecret().length() - 4)))
                .body("$", not(org.hamcrest.Matchers.hasKey("clientSecret")));
        credentialsStep(district)
                .body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("DONE"))
                .body("steps.find { it.key == 'CREDENTIALS' }.summary", containsString(schools() + " schools"));
    }

    @Test
    void given_a_district_when_the_admin_saves_valid_oauth1_credentials_then_they_are_valid() {
        UUID district = Districts.fresh("Harbor OAuth1 USD");
        Map<String, Object> body = oauth2();
        body.put("authMethod", "OAUTH1");
        body.remove("tokenUrl");
        save(district, body).statusCode(200)
                .body("validation.status", equalTo("VALID"))
                .body("validation.schoolCount", equalTo(schools()))
                .body("workingMethod", equalTo("OAUTH1"));
        credentialsStep(district).body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("DONE"));
    }

    @Test
    void a_wrong_secret_is_saved_as_invalid_with_a_plain_401_reason_and_the_checklist_needs_attention() {
        UUID district = Districts.fresh("Wrong Secret SD");
        Map<String, Object> body = oauth2();
        body.put("authMethod", "OAUTH1");
        body.put("clientSecret", "not-the-right-secret");
        save(district, body).statusCode(200)
                .body("configured", equalTo(true))
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("401"))
                .body("validation.message", not(containsString("Exception")));
        credentialsStep(district)
                .body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("NEEDS_ATTENTION"))
                .body("steps.find { it.key == 'CREDENTIALS' }.summary", containsString("401"));
        // Fixing one field: the admin sends the right secret and the check passes.
        body.put("clientSecret", sis.clientSecret());
        save(district, body).statusCode(200).body("validation.status", equalTo("VALID"));
    }

    @Test
    void a_wrong_oauth2_secret_is_refused_by_the_token_endpoint_in_plain_words() {
        UUID district = Districts.fresh("Wrong Token Secret SD");
        Map<String, Object> body = oauth2();
        body.put("clientSecret", "not-the-right-secret");
        save(district, body).statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("refused the client id/secret"));
    }

    @Test
    void a_wrong_base_path_is_reported_as_404() {
        UUID district = Districts.fresh("Wrong Path SD");
        Map<String, Object> body = oauth2();
        body.put("baseUrl", sis.baseUrl() + "/ims/oneroster/v9");
        save(district, body).statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("404"))
                .body("validation.message", containsString("path"));
    }

    @Test
    void an_html_page_is_reported_as_not_oneroster() {
        UUID district = Districts.fresh("Portal SD");
        Map<String, Object> body = oauth2();
        body.put("authMethod", "OAUTH1");
        body.put("baseUrl", web.baseUrl() + "/portal/oneroster");
        save(district, body).statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("not the OneRoster 1.1 API"));
    }

    @Test
    void a_host_that_does_not_exist_is_reported_plainly() {
        UUID district = Districts.fresh("Typo SD");
        Map<String, Object> body = oauth2();
        body.put("authMethod", "OAUTH1");
        body.put("baseUrl", "http://sis.harbor-unifed.invalid/ims/oneroster/v1p1");
        save(district, body).statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("was not found"));
    }

    @Test
    void detect_picks_oauth2_when_the_token_endpoint_works() {
        UUID district = Districts.fresh("Detect Two SD");
        Map<String, Object> body = oauth2();
        body.put("authMethod", "DETECT");
        save(district, body).statusCode(200)
                .body("validation.status", equalTo("VALID"))
                .body("authMethod", equalTo("DETECT"))
                .body("workingMethod", equalTo("OAUTH2"));
    }

    @Test
    void detect_falls_back_to_oauth1_when_oauth2_does_not_work() {
        UUID district = Districts.fresh("Detect One SD");
        Map<String, Object> body = oauth2();
        body.put("authMethod", "DETECT");
        body.put("tokenUrl", sis.baseUrl() + "/no/token/here");
        save(district, body).statusCode(200)
                .body("validation.status", equalTo("VALID"))
                .body("workingMethod", equalTo("OAUTH1"));
    }

    @Test
    void a_put_without_a_secret_keeps_the_stored_one_and_the_column_holds_ciphertext_that_decrypts() throws Exception {
        UUID district = Districts.fresh("Keep Secret SD");
        save(district, oauth2()).statusCode(200).body("validation.status", equalTo("VALID"));
        Map<String, Object> body = oauth2();
        body.remove("clientSecret");
        body.put("authMethod", "DETECT");
        save(district, body).statusCode(200)
                .body("validation.status", equalTo("VALID"))
                .body("secretSet", equalTo(true))
                .body("authMethod", equalTo("DETECT"));

        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT secret_key_id, secret_nonce, secret_ciphertext FROM sis_credentials WHERE district_id = ?")) {
            ps.setObject(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                byte[] ciphertext = rs.getBytes(3);
                String asText = new String(ciphertext, StandardCharsets.ISO_8859_1);
                assertFalse(asText.contains(sis.clientSecret()), "the column must not hold the secret in clear");
                assertEquals(secretBox.activeKeyId(), rs.getString(1));
                assertEquals(12, rs.getBytes(2).length, "a 96-bit nonce");
                assertEquals(sis.clientSecret(), secretBox.openString(new SecretBox.Sealed(rs.getString(1), rs.getBytes(2), ciphertext),
                        SisCredentials.secretContext(district)));
                // Bound to its district: the same ciphertext does not open as another district's secret.
                org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> secretBox.openString(
                        new SecretBox.Sealed(secretBox.activeKeyId(), new byte[12], ciphertext), SisCredentials.secretContext(UUID.randomUUID())));
            }
        }
    }

    @Test
    void the_first_save_needs_a_secret_and_malformed_values_name_their_fields_and_change_nothing() {
        UUID district = Districts.fresh("Bad Input SD");
        Map<String, Object> noSecret = oauth2();
        noSecret.remove("clientSecret");
        save(district, noSecret).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("clientSecret"));

        save(district, oauth2()).statusCode(200);
        String before = as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/credentials").asString();

        Map<String, Object> badUrl = oauth2();
        badUrl.put("baseUrl", "sis dot harbor");
        save(district, badUrl).statusCode(400).body("errors.field", hasItem("baseUrl"));
        Map<String, Object> ftp = oauth2();
        ftp.put("baseUrl", "ftp://sis.example.org/oneroster");
        save(district, ftp).statusCode(400).body("errors.field", hasItem("baseUrl"));
        Map<String, Object> blankId = oauth2();
        blankId.put("clientId", " ");
        save(district, blankId).statusCode(400).body("errors.field", hasItem("clientId"));
        Map<String, Object> badMethod = oauth2();
        badMethod.put("authMethod", "BASIC");
        save(district, badMethod).statusCode(400).body("errors[0].field", equalTo("authMethod"))
                .body("errors[0].message", containsString("DETECT"));
        Map<String, Object> noTokenUrl = oauth2();
        noTokenUrl.remove("tokenUrl");
        save(district, noTokenUrl).statusCode(400).body("errors.field", hasItem("tokenUrl"));
        Map<String, Object> userInfo = oauth2();
        userInfo.put("tokenUrl", "http://admin:pw@" + sis.tokenUrl().substring("http://".length()));
        save(district, userInfo).statusCode(400).body("errors.field", hasItem("tokenUrl"));

        String after = as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/credentials").asString();
        assertEquals(before, after, "refused input leaves the stored credentials as they were");
    }

    @Test
    void revalidation_is_rate_limited_per_district() {
        UUID district = Districts.fresh("Busy SD");
        UUID other = Districts.fresh("Calm SD");
        save(district, oauth2()).statusCode(200);
        save(other, oauth2()).statusCode(200);
        int ok = 1; // the save above was one check
        while (ok < 10) {
            as(Tokens.districtAdmin(district)).post("/api/v1/districts/" + district + "/credentials/validate")
                    .then().statusCode(200).body("validation.status", equalTo("VALID"));
            ok++;
        }
        as(Tokens.districtAdmin(district)).post("/api/v1/districts/" + district + "/credentials/validate")
                .then().statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("Wait"));
        // Another district is not affected.
        as(Tokens.districtAdmin(other)).post("/api/v1/districts/" + other + "/credentials/validate")
                .then().statusCode(200);
    }

    @Test
    void a_csv_district_has_no_api_credentials_and_validate_without_credentials_is_404() {
        UUID csv = Districts.fresh("CSV Only SD");
        as(Tokens.support()).body(Map.of("platform", "ONEROSTER_CSV")).put("/api/v1/districts/" + csv).then().statusCode(200);
        save(csv, oauth2()).statusCode(409).contentType("application/problem+json").body("detail", containsString("SFTP"));
        credentialsStep(csv).body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("NOT_STARTED"));

        UUID none = Districts.fresh("Nothing Yet SD");
        as(Tokens.districtAdmin(none)).get("/api/v1/districts/" + none + "/credentials").then().statusCode(200)
                .body("configured", equalTo(false)).body("secretSet", equalTo(false)).body("validation.status", equalTo("NOT_CHECKED"));
        as(Tokens.districtAdmin(none)).post("/api/v1/districts/" + none + "/credentials/validate").then().statusCode(404);
    }

    @Test
    void an_integrator_may_read_but_not_change_credentials() {
        UUID district = Districts.fresh("Integrator SD");
        as(Tokens.integrator(district)).get("/api/v1/districts/" + district + "/credentials").then().statusCode(200);
        as(Tokens.integrator(district)).body(oauth2()).put("/api/v1/districts/" + district + "/credentials").then().statusCode(403);
    }
}
