package io.rosterline.api.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.rosterline.api.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CORS is limited to the SPA's origin (quarkus.http.cors.origins = ${ROSTERLINE_SPA_ORIGIN:...}): a browser on the SPA's
 * origin may call the API, a page on any other origin gets no Access-Control-Allow-Origin and so cannot read a thing.
 */
@QuarkusTest
class CorsTest {

    @ConfigProperty(name = "quarkus.http.cors.origins")
    List<String> origins;

    private String spaOrigin() {
        return origins.get(0);
    }

    private static Response preflight(String origin, String method, String headers) {
        return RestAssured.given().header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers).options("/api/v1/me");
    }

    @Test
    void the_configured_origins_are_the_spa_only() {
        assertTrue(origins.stream().noneMatch(o -> o.equals("*") || o.startsWith("/")), "no wildcard or pattern origin: " + origins);
    }

    @Test
    void a_preflight_from_the_spa_origin_is_allowed_with_the_methods_and_headers_the_spa_needs() {
        Response response = preflight(spaOrigin(), "PUT", "authorization,content-type");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(spaOrigin(), response.header("Access-Control-Allow-Origin"));
        assertTrue(response.header("Access-Control-Allow-Methods").contains("PUT"), response.headers().toString());
        assertTrue(response.header("Access-Control-Allow-Headers").toLowerCase().contains("authorization"), response.headers().toString());
    }

    @Test
    void a_simple_request_from_the_spa_origin_is_answered_with_its_origin_allowed() {
        Response response = RestAssured.given().header("Origin", spaOrigin()).auth().oauth2(Tokens.support()).get("/api/v1/me");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(spaOrigin(), response.header("Access-Control-Allow-Origin"));
        assertEquals("Location", response.header("Access-Control-Expose-Headers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://localhost:5174", "http://localhost:5173.evil.example", "null"})
    void a_preflight_from_a_foreign_origin_gets_no_allow_origin(String origin) {
        Response response = preflight(origin, "PUT", "authorization,content-type");
        assertNull(response.header("Access-Control-Allow-Origin"), origin + " was allowed: " + response.headers());
        assertNotEquals(204, response.statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://127.0.0.1:5174"})
    void a_simple_request_from_a_foreign_origin_gets_no_allow_origin_so_the_browser_withholds_the_answer(String origin) {
        Response response = RestAssured.given().header("Origin", origin).auth().oauth2(Tokens.support()).get("/api/v1/me");
        assertNull(response.header("Access-Control-Allow-Origin"), origin + " was allowed: " + response.headers());
        assertNull(response.header("Access-Control-Allow-Credentials"));
    }
}
