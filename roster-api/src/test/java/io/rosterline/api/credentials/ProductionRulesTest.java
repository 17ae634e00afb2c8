package io.rosterline.api.credentials;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rosterline.api.source.OutboundAddressPolicy;
import io.rosterline.api.source.UnsafeAddressException;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(OneServerCountsAsPublic.class);
        }
    }

    /**
     * The production policy, except that the one test server named in {@link #publicServer} counts as a server on the
     * public internet (a test cannot run one). Only that exact scheme, host and port is let through; every other
     * address, and so every redirect target, goes through the production check unchanged. Enabled for this profile
     * only; with no server named it is the production policy.
     */
    @Alternative
    @Singleton
    public static class OneServerCountsAsPublic extends OutboundAddressPolicy {

        static volatile URI publicServer;

        @Inject
        public OneServerCountsAsPublic(CredentialsConfig config) {
            super(config);
        }

        @Override
        public void check(URI uri) {
            URI server = publicServer;
            if (server != null && server.getScheme().equalsIgnoreCase(uri.getScheme()) && server.getHost().equalsIgnoreCase(uri.getHost())
                    && server.getPort() == uri.getPort()) {
                return;
            }
            super.check(uri);
        }
    }

    static WireMockServer sis;

    @BeforeAll
    static void startServer() {
        // Plain http and https (WireMock's own self-signed certificate) on dynamic ports.
        sis = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
        sis.start();
    }

    @AfterAll
    static void stopServer() {
        sis.stop();
    }

    @AfterEach
    void forgetServer() {
        OneServerCountsAsPublic.publicServer = null;
        sis.resetAll();
    }

    private static String https(String path) {
        return "https://localhost:" + sis.httpsPort() + path;
    }

    /** The "public" SIS of the redirect tests: WireMock's plain port (its https one fails the handshake first). */
    private static String sisUrl(String path) {
        return "http://localhost:" + sis.port() + path;
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

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/iam/security-credentials/", "https://127.0.0.1/admin",
            "http://127.0.0.1:8080/internal", "https://10.0.0.5/oneroster"})
    void given_production_rules_a_sis_that_redirects_to_an_internal_address_is_refused_and_no_credentials_follow(String target) {
        OneServerCountsAsPublic.publicServer = URI.create(sisUrl("/"));
        sis.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", target)));
        UUID district = Districts.fresh("Redirect SD");

        as(Tokens.districtAdmin(district)).body(body(sisUrl("/ims/oneroster/v1p1"))).put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", allOf(containsString("Rosterline will not connect there"),
                        containsString("the server redirects to " + URI.create(target).getScheme() + "://" + URI.create(target).getHost()),
                        not(containsString("Exception"))));

        // The address check asked once, without credentials; the OneRoster call with the OAuth signature never went out.
        List<LoggedRequest> requests = sis.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        assertEquals(1, requests.size(), "only the unauthenticated address check reached the server: " + requests);
        assertTrue(requests.get(0).getHeader("Authorization") == null, "the address check sends no credentials");
        as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/checklist").then()
                .body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("NEEDS_ATTENTION"));
    }

    @Test
    void given_production_rules_a_redirect_chain_is_checked_hop_by_hop_and_refused_at_the_internal_hop() {
        OneServerCountsAsPublic.publicServer = URI.create(sisUrl("/"));
        // Two harmless hops on the "public" server, then the cloud metadata address.
        sis.stubFor(get(urlPathEqualTo("/ims/oneroster/v1p1")).willReturn(aResponse().withStatus(301).withHeader("Location", "/moved")));
        sis.stubFor(get(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(307).withHeader("Location", sisUrl("/moved-again"))));
        sis.stubFor(get(urlPathEqualTo("/moved-again")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://169.254.169.254/latest/meta-data")));
        UUID district = Districts.fresh("Redirect Chain SD");

        as(Tokens.districtAdmin(district)).body(body(sisUrl("/ims/oneroster/v1p1"))).put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", containsString("the server redirects to https://169.254.169.254"));
        assertEquals(3, sis.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())).size(),
                "each hop was requested once, the internal one never");
    }

    @Test
    void given_production_rules_the_redirect_check_itself_refuses_internal_targets_and_endless_redirects() {
        // roster-api's policy object as production builds it (allow-private-addresses=false), first hop trusted as above.
        URI start = URI.create("http://localhost:" + sis.port() + "/start");
        OutboundAddressPolicy production = new OutboundAddressPolicy(false, Duration.ofSeconds(5)) {
            @Override
            public void check(URI uri) {
                if (uri.getPort() == sis.port() && "localhost".equals(uri.getHost())) {
                    return;
                }
                super.check(uri);
            }
        };
        sis.stubFor(get(urlPathEqualTo("/start")).willReturn(aResponse().withStatus(302).withHeader("Location", "https://127.0.0.1/")));
        UnsafeAddressException loopback = assertThrows(UnsafeAddressException.class, () -> production.checkRedirects(start));
        assertTrue(loopback.getMessage().contains("redirects to https://127.0.0.1") && loopback.getMessage().contains("private or internal"),
                loopback.getMessage());

        sis.stubFor(get(urlPathEqualTo("/start")).willReturn(aResponse().withStatus(302).withHeader("Location", "/start")));
        UnsafeAddressException loop = assertThrows(UnsafeAddressException.class, () -> production.checkRedirects(start));
        assertTrue(loop.getMessage().contains("more than"), loop.getMessage());

        sis.stubFor(get(urlPathEqualTo("/start")).willReturn(aResponse().withStatus(200)));
        production.checkRedirects(start); // no redirect: nothing to refuse
    }

    @Test
    void given_production_rules_host_names_that_resolve_to_internal_addresses_are_refused() throws Exception {
        // Offline, no wildcard DNS (127.0.0.1.nip.io and the like) resolves here; these names resolve through the
        // machine's own resolver (/etc/hosts) to loopback, which is what such a name would do.
        String ownName = InetAddress.getLocalHost().getHostName();
        for (String host : List.of("localhost", ownName)) {
            if (OutboundAddressPolicy.isPublic(InetAddress.getByName(host))) {
                continue; // a machine whose own name is public: nothing to prove with it
            }
            UUID district = Districts.fresh("Resolve SD");
            as(Tokens.districtAdmin(district)).body(body("https://" + host + "/ims/oneroster/v1p1"))
                    .put("/api/v1/districts/" + district + "/credentials")
                    .then().statusCode(400)
                    .body("errors[0].field", equalTo("baseUrl"))
                    .body("errors[0].message", containsString("'" + host + "' leads to"))
                    .body("errors[0].message", containsString("private or internal address"));
        }
    }

    @Test
    void given_production_rules_a_sis_with_a_self_signed_certificate_gives_a_plain_tls_reason() {
        OneServerCountsAsPublic.publicServer = URI.create(https("/"));
        UUID district = Districts.fresh("Self-signed SD");

        as(Tokens.districtAdmin(district)).body(body(https("/ims/oneroster/v1p1"))).put("/api/v1/districts/" + district + "/credentials")
                .then().statusCode(200)
                .body("validation.status", equalTo("INVALID"))
                .body("validation.message", allOf(containsString("secure (TLS) connection to 'localhost' could not be set up"),
                        containsString("certificate is not signed by an authority Rosterline trusts"), not(containsString("Exception")),
                        not(containsString("sun.security")), not(containsString("javax.net")), not(containsString("PKIX"))));
        assertEquals(0, sis.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl())).size(),
                "no request got through the failed handshake");
    }
}
