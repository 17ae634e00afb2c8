package io.rosterline.api.credentials;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The production rules, in a profile that switches them on: https only, no private or internal addresses after DNS
 * resolution, redirects included.
 */
@QuarkusTest
@TestProfile(ProductionRulesTest.ProductionRules.class)
class ProductionRulesTest {

    public static class ProductionRules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rosterline.credentials.allow-private-addresses", "false");
        }
    }

    static Map<String, Object> body(String baseUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("baseUrl", baseUrl);
        body.put("clientId", "harbor");
        body.put("clientSecret", "prod-rules-secret-123");
        body.put("authMethod", "OAUTH1");
        return body;
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/ims/oneroster/v1p1", "https://10.0.0.5/ims/oneroster/v1p1",
            "https://169.254.169.254/latest/meta-data", "https://localhost:8443/ims/oneroster/v1p1",
            "https://[::1]/ims/oneroster/v1p1", "https://[fd00::5]/oneroster", "https://[::ffff:192.168.1.1]/oneroster",
            "https://100.64.0.1/oneroster", "https://0.0.0.0/oneroster"})
    void given_production_rules_an_internal_address_is_refused_naming_the_field_and_nothing_is_saved(String url) {
        UUID district = Districts.fresh("SSRF SD");
        as(Tokens.districtAdmin(district)).body(body(url)).put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("baseUrl"))
                .body("errors[0].message", containsString("private or internal address"));
        as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/credentials")
                .then().body("configured", equalTo(false));
    }

    @Test
    void given_production_rules_plain_http_is_refused() {
        UUID district = Districts.fresh("HTTP SD");
        as(Tokens.districtAdmin(district)).body(body("http://127.0.0.1:8090/ims/oneroster/v1p1"))
                .put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(400).body("errors[0].field", equalTo("baseUrl"))
                .body("errors[0].message", containsString("https://"));
        Map<String, Object> tokenHttp = body("https://sis.example.org/ims/oneroster/v1p1");
        tokenHttp.put("authMethod", "OAUTH2");
        tokenHttp.put("tokenUrl", "http://sis.example.org/oauth/token");
        as(Tokens.districtAdmin(district)).body(tokenHttp).put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(400).body("errors[0].field", equalTo("tokenUrl"));
    }

    @Test
    void given_production_rules_a_public_looking_name_that_dns_does_not_know_is_saved_with_a_plain_reason() {
        UUID district = Districts.fresh("No DNS SD");
        as(Tokens.districtAdmin(district)).body(body("https://sis.harbor-unified-k12.invalid/ims/oneroster/v1p1"))
                .put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("was not found"))
                .body("validation.message", not(containsString("Exception")));
        as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/checklist").then()
                .body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("NEEDS_ATTENTION"));
    }

}
