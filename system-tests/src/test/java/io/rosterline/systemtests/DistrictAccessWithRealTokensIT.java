package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity contract end to end: tokens from the real Keycloak realm (dev/keycloak/rosterline-realm.json)
 * against the packaged roster-api with the demo districts seeded.
 */
@ExtendWith(RunningStack.class)
class DistrictAccessWithRealTokensIT {

    static final String HARBOR = "d1000000-0000-4000-8000-000000000001";
    static final String LAKESIDE = "d2000000-0000-4000-8000-000000000002";

    @Test
    @DisplayName("Given Harbor's admin, when she opens Harbor's checklist, then she sees it")
    void harborAdminReadsHarborChecklist() {
        String token = Keycloak.accessToken(Keycloak.passwordGrant("harbor-admin", "harbor-admin"));

        RosterApi.Answer answer = RosterApi.get("/api/v1/districts/" + HARBOR + "/checklist", token);

        assertEquals(200, answer.status(), answer.body());
        assertEquals(HARBOR, answer.json().path("districtId").asText());
        assertEquals("Harbor Unified", answer.json().path("districtName").asText());
        assertTrue(answer.json().path("steps").size() > 0, "the checklist has steps: " + answer.body());
    }

    @Test
    @DisplayName("Given Harbor's admin, when she opens Lakeside's checklist, then she is refused with a problem")
    void harborAdminIsRefusedLakesideChecklist() {
        String token = Keycloak.accessToken(Keycloak.passwordGrant("harbor-admin", "harbor-admin"));

        RosterApi.Answer answer = RosterApi.get("/api/v1/districts/" + LAKESIDE + "/checklist", token);

        assertTrue(answer.status() == 403 || answer.status() == 404, "403 or 404, got " + answer.status());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(answer.status(), answer.json().path("status").asInt());
    }

    @Test
    @DisplayName("Given no token, when anyone opens Harbor's checklist, then the answer is 401")
    void noTokenIsUnauthorized() {
        RosterApi.Answer answer = RosterApi.get("/api/v1/districts/" + HARBOR + "/checklist", null);

        assertEquals(401, answer.status(), answer.body());
    }

    @Test
    @DisplayName("Given a forged token, when it is presented, then the answer is 401")
    void tokenNotSignedByTheRealmIsUnauthorized() {
        String real = Keycloak.accessToken(Keycloak.passwordGrant("harbor-admin", "harbor-admin"));
        String[] parts = real.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

        RosterApi.Answer answer = RosterApi.get("/api/v1/districts/" + HARBOR + "/checklist", forged);

        assertEquals(401, answer.status(), answer.body());
    }

    @Test
    @DisplayName("Given the demo integrator client, when it reads Harbor with a client-credentials token, then it may; Lakeside it may not")
    void integratorReadsOnlyItsDistrict() {
        String token = Keycloak.accessToken(
                Keycloak.clientCredentials("rosterline-integrator-demo", "local-demo-integrator-secret"));

        assertEquals(200, RosterApi.get("/api/v1/districts/" + HARBOR + "/checklist", token).status());
        int lakeside = RosterApi.get("/api/v1/districts/" + LAKESIDE + "/checklist", token).status();
        assertTrue(lakeside == 403 || lakeside == 404, "403 or 404, got " + lakeside);
    }

    @Test
    @DisplayName("Given support staff, when they read either district's checklist, then both answer")
    void supportReadsEveryDistrict() {
        String token = Keycloak.accessToken(Keycloak.passwordGrant("support", "support"));

        assertEquals(200, RosterApi.get("/api/v1/districts/" + HARBOR + "/checklist", token).status());
        assertEquals(200, RosterApi.get("/api/v1/districts/" + LAKESIDE + "/checklist", token).status());
    }

    @Test
    @DisplayName("Given the sync-worker client, when it asks for a token, then the token carries the role sync-worker for roster-api")
    void syncWorkerClientGetsSyncWorkerRole() {
        JsonNode claims = Keycloak.claims(Keycloak.accessToken(
                Keycloak.clientCredentials("rosterline-sync-worker", "local-demo-worker-secret")));

        assertEquals(List.of("sync-worker"), strings(claims.path("realm_access").path("roles")));
        assertTrue(strings(claims.path("aud")).contains("roster-api") || "roster-api".equals(claims.path("aud").asText()),
                "audience roster-api: " + claims.path("aud"));
    }

    @Test
    @DisplayName("Given Lakeside's admin, when she logs in, then access and ID tokens carry districts as a JSON array and her role")
    void districtsClaimIsAJsonArrayInBothTokens() {
        JsonNode tokens = Keycloak.passwordGrant("lakeside-admin", "lakeside-admin");
        JsonNode access = Keycloak.claims(tokens.path("access_token").asText());
        JsonNode id = Keycloak.claims(tokens.path("id_token").asText());

        assertTrue(access.path("districts").isArray(), "districts is an array: " + access.path("districts"));
        assertEquals(List.of(LAKESIDE), strings(access.path("districts")));
        assertEquals(List.of(LAKESIDE), strings(id.path("districts")));
        assertEquals(List.of("district-admin"), strings(access.path("realm_access").path("roles")));
        assertEquals("lakeside-admin@rosterline.example", access.path("email").asText());
    }

    @Test
    @DisplayName("Given Harbor's admin, when she asks who she is, then roster-api answers from her token")
    void meReflectsTheToken() {
        String token = Keycloak.accessToken(Keycloak.passwordGrant("harbor-admin", "harbor-admin"));

        RosterApi.Answer answer = RosterApi.get("/api/v1/me", token);

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains(HARBOR), "me names Harbor: " + answer.body());
        assertTrue(answer.body().contains("district-admin"), "me names the role: " + answer.body());
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }
}
