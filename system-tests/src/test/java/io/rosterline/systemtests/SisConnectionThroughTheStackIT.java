package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first checklist step across real processes: roster-api (packaged) calls the sandbox SIS (its runnable jar)
 * with the details Harbor's admin saves under her real Keycloak token.
 */
@ExtendWith(RunningStack.class)
class SisConnectionThroughTheStackIT {

    static final String HARBOR = DistrictAccessWithRealTokensIT.HARBOR;

    @Test
    @DisplayName("Given Harbor's admin and the sandbox SIS, when she saves its connection details, then roster-api checks them live and the checklist's first step is done")
    void harborAdminConnectsTheSandboxSis() throws Exception {
        String sandbox = RunningStack.stack().sandboxUrl().orElseThrow(() -> new AssertionError("sandbox not started"));
        String token = Keycloak.accessToken(Keycloak.passwordGrant("harbor-admin", "harbor-admin"));

        RosterApi.Answer saved = RosterApi.put("/api/v1/districts/" + HARBOR + "/credentials", token,
                Keycloak.JSON.writeValueAsString(Map.of(
                        "baseUrl", sandbox + "/ims/oneroster/v1p1",
                        "clientId", "sandbox-client",
                        "clientSecret", "sandbox-secret",
                        "authMethod", "OAUTH2",
                        "tokenUrl", sandbox + "/oauth/token")));

        assertEquals(200, saved.status(), saved.body());
        JsonNode view = saved.json();
        assertEquals("VALID", view.path("validation").path("status").asText(), saved.body());
        assertTrue(view.path("validation").path("schoolCount").asInt() > 0, "schools found: " + saved.body());
        assertFalse(saved.body().contains("sandbox-secret"), "the secret is never returned");

        JsonNode checklist = RosterApi.get("/api/v1/districts/" + HARBOR + "/checklist", token).json();
        JsonNode credentialsStep = null;
        for (JsonNode step : checklist.path("steps")) {
            if (step.path("key").asText().equals("CREDENTIALS")) {
                credentialsStep = step;
            }
        }
        assertEquals("DONE", credentialsStep == null ? null : credentialsStep.path("state").asText(), checklist.toString());
    }

    @Test
    @DisplayName("Given Lakeside's admin, when she tries to save Harbor's SIS details, then she is refused and nothing is stored")
    void lakesideAdminCannotChangeHarborsConnection() throws Exception {
        String token = Keycloak.accessToken(Keycloak.passwordGrant("lakeside-admin", "lakeside-admin"));

        RosterApi.Answer answer = RosterApi.put("/api/v1/districts/" + HARBOR + "/credentials", token,
                Keycloak.JSON.writeValueAsString(Map.of("baseUrl", "https://sis.example.org/ims/oneroster/v1p1",
                        "clientId", "x", "clientSecret", "y", "authMethod", "OAUTH1")));

        assertTrue(answer.status() == 403 || answer.status() == 404, "403 or 404, got " + answer.status());
        String support = Keycloak.accessToken(Keycloak.passwordGrant("support", "support"));
        RosterApi.Answer stored = RosterApi.get("/api/v1/districts/" + HARBOR + "/credentials", support);
        assertFalse(stored.body().contains("sis.example.org"), "Lakeside's attempt left no trace: " + stored.body());
    }
}
