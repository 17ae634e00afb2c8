package io.rosterline.api.credentials;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import io.rosterline.sandbox.SandboxSis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The CREDENTIALS step of a PowerSchool district, checked live with the connector's PowerSchool reader. */
@QuarkusTest
class PowerSchoolCredentialsTest {

    static SandboxSis sis;
    static WireMockServer web;

    @BeforeAll
    static void start() {
        sis = SandboxSis.start(SandboxSis.Config.defaults().students(600).credentials("ps-plugin", "Ps-s3cret-" + UUID.randomUUID()));
        web = new WireMockServer(options().dynamicPort());
        web.start();
        // A server that hands out tokens but is not PowerSchool: an HTML portal, and JSON without PowerSchool's shape.
        web.stubFor(post(urlPathEqualTo("/oauth/access_token")).willReturn(okJson(
                "{\"access_token\":\"t0k3n\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}")));
        web.stubFor(get(urlPathMatching("/portal/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<html><body>Welcome to the SIS portal</body></html>")));
        web.stubFor(get(urlPathMatching("/other/ws/v1/.*")).willReturn(okJson("{\"orgs\":[]}")));
    }

    @AfterAll
    static void stop() {
        sis.stop();
        web.stop();
    }

    static UUID powerSchoolDistrict(String name) {
        UUID district = Districts.fresh(name);
        as(Tokens.districtAdmin(district)).body(Map.of("platform", "POWERSCHOOL")).put("/api/v1/districts/" + district)
                .then().statusCode(200);
        return district;
    }

    static Map<String, Object> plugin(String baseUrl, String secret) {
        Map<String, Object> body = new HashMap<>();
        body.put("baseUrl", baseUrl);
        body.put("clientId", sis.clientId());
        body.put("clientSecret", secret);
        body.put("authMethod", "OAUTH2");
        return body;
    }

    static ValidatableResponse save(UUID district, Map<String, Object> body) {
        return as(Tokens.districtAdmin(district)).body(body).put("/api/v1/districts/" + district + "/credentials").then();
    }

    static ValidatableResponse checklist(UUID district) {
        return as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/checklist").then().statusCode(200);
    }

    @Test
    void given_a_powerschool_district_when_the_admin_saves_the_plugin_credentials_then_they_are_checked_live_and_schools_load() {
        UUID district = powerSchoolDistrict("PowerSchool Valid USD");
        int schools = sis.expectedSummary().get("schools").active();
        save(district, plugin(sis.baseUrl(), sis.clientSecret())).statusCode(200)
                .body("validation.status", equalTo("VALID"))
                .body("validation.message", equalTo("PowerSchool, " + schools + " schools"))
                .body("validation.schoolCount", equalTo(schools))
                .body("validation.checkedAt", not(nullValue()))
                .body("workingMethod", equalTo("OAUTH2"));
        checklist(district).body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("DONE"))
                .body("steps.find { it.key == 'CREDENTIALS' }.summary", equalTo("Connected to PowerSchool, " + schools + " schools"));
        // Discovery reads PowerSchool too: schools, then the courses of the chosen ones, and the terms.
        String base = "/api/v1/districts/" + district;
        String admin = Tokens.districtAdmin(district);
        as(admin).post(base + "/schools/refresh").then().statusCode(200).body("discovered", equalTo(schools));
        as(admin).get(base + "/schools?search=Lincoln").then().statusCode(200).body("items[0].sourcedId", equalTo("school-2"));
        as(admin).body(Map.of("included", true)).put(base + "/schools/school-2").then().statusCode(200);
        as(admin).post(base + "/courses/refresh").then().statusCode(200).body("discovered", equalTo(16));
        as(admin).get(base + "/courses?search=MATH-09").then().statusCode(200).body("items[0].title", equalTo("Mathematics Grade 09"));
        as(admin).post(base + "/terms/refresh").then().statusCode(200).body("discovered", equalTo(3));
        // DETECT means OAuth 2 for PowerSchool.
        Map<String, Object> detect = plugin(sis.baseUrl(), sis.clientSecret());
        detect.put("authMethod", "DETECT");
        save(district, detect).statusCode(200).body("validation.status", equalTo("VALID")).body("workingMethod", equalTo("OAUTH2"));
    }

    @Test
    void a_wrong_secret_is_invalid_with_a_plain_reason() {
        UUID district = powerSchoolDistrict("PowerSchool Wrong Secret SD");
        save(district, plugin(sis.baseUrl(), "not-the-secret")).statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("refused the client id/secret"))
                .body("validation.message", not(containsString("Exception")));
        checklist(district).body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("NEEDS_ATTENTION"));
    }

    @Test
    void a_server_that_is_not_powerschool_is_reported_in_plain_words() {
        UUID district = powerSchoolDistrict("PowerSchool Wrong Server SD");
        save(district, plugin(web.baseUrl() + "/portal", "any-secret")).statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("not JSON"));
        save(district, plugin(web.baseUrl() + "/other", "any-secret")).statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("may not be a PowerSchool server"));
        save(district, plugin(sis.oneRoster11Url(), sis.clientSecret())).statusCode(200)
                .body("validation.status", equalTo("INVALID"));
    }

    @Test
    void oauth1_is_refused_for_powerschool_naming_the_field_and_nothing_is_stored() {
        UUID district = powerSchoolDistrict("PowerSchool OAuth1 SD");
        Map<String, Object> body = plugin(sis.baseUrl(), sis.clientSecret());
        body.put("authMethod", "OAUTH1");
        save(district, body).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("authMethod"))
                .body("errors[0].message", containsString("OAuth 2"));
        as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/credentials").then().statusCode(200)
                .body("configured", equalTo(false));
    }
}
