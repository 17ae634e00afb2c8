package io.rosterline.api.credentials;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Districts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.hamcrest.Matchers.containsString;

/**
 * SIS vendors that authenticate differently from the defaults: OAuth 1.0a signed with HMAC-SHA1, and OAuth 2 clients
 * that send their id and secret in the token request's form body. Each WireMock vendor answers only the variant it
 * speaks, so a save with the defaults fails and a save with the variant works.
 */
@QuarkusTest
class VendorAuthVariantsTest {

    private static final String ORGS = "{\"orgs\":[{\"sourcedId\":\"s1\",\"status\":\"active\",\"dateLastModified\":\"2026-01-01T00:00:00Z\","
            + "\"name\":\"Vendor High\",\"type\":\"school\"}]}";
    private static final String REFUSED = "{\"imsx_codeMajor\":\"failure\",\"imsx_severity\":\"error\","
            + "\"imsx_description\":\"signature method not supported\"}";
    static WireMockServer vendor;

    @BeforeAll
    static void startVendors() {
        vendor = new WireMockServer(options().dynamicPort());
        vendor.start();
        // An OAuth 1.0a vendor that signs with HMAC-SHA1 only.
        vendor.stubFor(get(urlPathEqualTo("/sha1/ims/oneroster/v1p1/orgs")).atPriority(1)
                .withHeader("Authorization", containing("oauth_signature_method=\"HMAC-SHA1\""))
                .willReturn(okJson(ORGS).withHeader("X-Total-Count", "1")));
        vendor.stubFor(get(urlPathEqualTo("/sha1/ims/oneroster/v1p1/orgs")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(REFUSED)));
        // An OAuth 2 vendor whose token endpoint reads the client from the form body, never from a Basic header.
        vendor.stubFor(post(urlPathEqualTo("/form/oauth/token")).atPriority(1)
                .withHeader("Authorization", absent())
                .withRequestBody(containing("client_id=form-client")).withRequestBody(containing("client_secret=form-secret"))
                .willReturn(okJson("{\"access_token\":\"form-token\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        vendor.stubFor(post(urlPathEqualTo("/form/oauth/token")).atPriority(5)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"send the client in the form\"}")));
        vendor.stubFor(get(urlPathEqualTo("/form/ims/oneroster/v1p1/orgs")).withHeader("Authorization", equalTo("Bearer form-token"))
                .willReturn(okJson(ORGS).withHeader("X-Total-Count", "1")));
    }

    @AfterAll
    static void stopVendors() {
        vendor.stop();
    }

    @Test
    void given_a_vendor_that_signs_with_hmac_sha1_when_the_admin_chooses_it_then_the_credentials_are_valid() {
        UUID district = Districts.fresh("SHA-1 Vendor USD");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("baseUrl", vendor.baseUrl() + "/sha1/ims/oneroster/v1p1",
                "clientId", "sha1-key", "clientSecret", "sha1-secret", "authMethod", "OAUTH1"));

        CredentialsResourceTest.save(district, body).statusCode(200)
                .body("validation.status", org.hamcrest.Matchers.equalTo("INVALID"))
                .body("validation.message", containsString("signature method not supported"))
                .body("oauth1SignatureMethod", org.hamcrest.Matchers.equalTo("HMAC_SHA256"));

        body.put("oauth1SignatureMethod", "HMAC_SHA1");
        CredentialsResourceTest.save(district, body).statusCode(200)
                .body("validation.status", org.hamcrest.Matchers.equalTo("VALID"))
                .body("validation.schoolCount", org.hamcrest.Matchers.equalTo(1))
                .body("oauth1SignatureMethod", org.hamcrest.Matchers.equalTo("HMAC_SHA1"));
    }

    @Test
    void given_a_vendor_that_reads_the_client_from_the_form_when_the_admin_chooses_it_then_the_credentials_are_valid() {
        UUID district = Districts.fresh("Form Vendor USD");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("baseUrl", vendor.baseUrl() + "/form/ims/oneroster/v1p1",
                "clientId", "form-client", "clientSecret", "form-secret", "authMethod", "OAUTH2",
                "tokenUrl", vendor.baseUrl() + "/form/oauth/token"));

        CredentialsResourceTest.save(district, body).statusCode(200)
                .body("validation.status", org.hamcrest.Matchers.equalTo("INVALID"))
                .body("oauth2ClientAuth", org.hamcrest.Matchers.equalTo("BASIC_HEADER"));

        body.put("oauth2ClientAuth", "FORM_BODY");
        CredentialsResourceTest.save(district, body).statusCode(200)
                .body("validation.status", org.hamcrest.Matchers.equalTo("VALID"))
                .body("oauth2ClientAuth", org.hamcrest.Matchers.equalTo("FORM_BODY"));
    }

    @Test
    void an_unknown_signature_method_is_refused_naming_the_field_and_nothing_is_stored() {
        UUID district = Districts.fresh("Typo Vendor USD");
        Map<String, Object> body = Map.of("baseUrl", vendor.baseUrl() + "/sha1/ims/oneroster/v1p1", "clientId", "k",
                "clientSecret", "s", "authMethod", "OAUTH1", "oauth1SignatureMethod", "RSA_SHA1");

        CredentialsResourceTest.save(district, body).statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(containsString("oauth1SignatureMethod")));
        io.rosterline.api.support.Api.as(io.rosterline.api.support.Tokens.districtAdmin(district))
                .get("/api/v1/districts/" + district + "/credentials").then().statusCode(200)
                .body("configured", org.hamcrest.Matchers.equalTo(false));
    }
}
