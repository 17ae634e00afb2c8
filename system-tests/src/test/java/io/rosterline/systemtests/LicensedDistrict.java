package io.rosterline.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A fresh district set up through roster-api the way support staff set one up, with real Keycloak tokens: connected to
 * the stack's sandbox SIS (OneRoster 1.1, OAuth 2), every school included, the Mathematics courses included by a
 * course rule, and licensed with a teacher and a student edition, each from one ROSTERED pool with more seats than
 * people. Each fault case uses its own district, so its run history holds only its own runs.
 */
record LicensedDistrict(UUID id, String name, UUID teacherProduct, UUID studentProduct, List<UUID> pools) {

    private static String supportToken;
    private static Instant supportTokenFetched = Instant.EPOCH;

    /** A support token, fetched again once a minute (the realm's tokens live five). */
    static synchronized String support() {
        if (supportToken == null || supportTokenFetched.isBefore(Instant.now().minusSeconds(60))) {
            supportToken = Keycloak.accessToken(Keycloak.passwordGrant("support", "support"));
            supportTokenFetched = Instant.now();
        }
        return supportToken;
    }

    static LicensedDistrict create(String caseName, ReferenceResult reference) {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String name = "Fault case " + caseName + " " + suffix;
        UUID id = UUID.fromString(expect(201, RosterApi.post("/api/v1/districts", support(),
                json(Map.of("name", name, "state", "CA", "platform", "ONEROSTER_API")))).path("id").asText());
        String base = "/api/v1/districts/" + id;
        String sandbox = Sandbox.url();
        JsonNode credentials = expect(200, RosterApi.put(base + "/credentials", support(), json(Map.of(
                "baseUrl", sandbox + "/ims/oneroster/v1p1", "clientId", "sandbox-client", "clientSecret", "sandbox-secret",
                "authMethod", "OAUTH2", "tokenUrl", sandbox + "/oauth/token"))));
        assertEquals("VALID", credentials.path("validation").path("status").asText(), credentials.toString());
        expect(200, RosterApi.post(base + "/schools/refresh", support(), "{}"));
        expect(200, RosterApi.post(base + "/schools/selection", support(), json(Map.of("all", true, "included", true))));
        expect(200, RosterApi.post(base + "/courses/refresh", support(), "{}"));
        expect(201, RosterApi.post(base + "/course-rules", support(),
                json(Map.of("matchField", "CODE", "pattern", ReferenceResult.INCLUDED_CODES + "*", "effect", "INCLUDE"))));
        UUID teacher = product("TEACHER", suffix);
        UUID student = product("STUDENT", suffix);
        List<UUID> pools = List.of(pool(base, teacher), pool(base, student));
        expect(200, RosterApi.post(base + "/course-licenses", support(), json(Map.of(
                "courseSourcedIds", List.copyOf(reference.includedCourses()), "productIds", List.of(teacher, student)))));
        return new LicensedDistrict(id, name, teacher, student, pools);
    }

    private static UUID product(String edition, String suffix) {
        return UUID.fromString(expect(201, RosterApi.post("/api/v1/products", support(), json(Map.of(
                "sku", "FAULT-" + edition + "-" + suffix, "title", "Fault suite " + edition.toLowerCase() + " " + suffix,
                "edition", edition)))).path("id").asText());
    }

    private static UUID pool(String base, UUID product) {
        LocalDate today = LocalDate.now();
        return UUID.fromString(expect(201, RosterApi.post(base + "/license-pools", support(), json(Map.of(
                "productId", product.toString(), "seats", 5000, "startDate", today.minusYears(1).toString(),
                "endDate", today.plusYears(2).toString(), "purchaseOrder", "PO-FAULTS", "mode", "ROSTERED")))).path("id").asText());
    }

    /** An admin's Sync Licenses: a run that reads, stages and applies; answers its id. */
    UUID requestSync() {
        JsonNode run = expect(202, RosterApi.post(base() + "/runs", support(), json(Map.of("kind", "SYNC_LICENSES"))));
        assertEquals("QUEUED", run.path("status").asText());
        return UUID.fromString(run.path("id").asText());
    }

    /** The run as the API's run resource shows it. */
    JsonNode run(UUID runId) {
        return expect(200, RosterApi.get(base() + "/runs/" + runId, support()));
    }

    /** The run, or empty when roster-api answers 503 (its database connection was just cut; the answer says try again). */
    java.util.Optional<JsonNode> runUnlessUnavailable(UUID runId) {
        RosterApi.Answer answer = RosterApi.get(base() + "/runs/" + runId, support());
        if (answer.status() == 503) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(expect(200, answer));
    }

    /** The whole run history, newest first. */
    List<JsonNode> runs() {
        List<JsonNode> runs = new ArrayList<>();
        expect(200, RosterApi.get(base() + "/runs?size=200", support())).path("items").forEach(runs::add);
        return runs;
    }

    List<JsonNode> audit() {
        List<JsonNode> entries = new ArrayList<>();
        expect(200, RosterApi.get(base() + "/audit?size=200", support())).path("items").forEach(entries::add);
        return entries;
    }

    List<JsonNode> licensePools() {
        List<JsonNode> list = new ArrayList<>();
        JsonNode answer = expect(200, RosterApi.get(base() + "/license-pools", support()));
        (answer.has("items") ? answer.path("items") : answer).forEach(list::add);
        return list;
    }

    String base() {
        return "/api/v1/districts/" + id;
    }

    static JsonNode expect(int status, RosterApi.Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        return answer.body().isEmpty() ? Keycloak.JSON.createObjectNode() : answer.json();
    }

    static String json(Map<String, ?> body) {
        try {
            return Keycloak.JSON.writeValueAsString(new LinkedHashMap<>(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
