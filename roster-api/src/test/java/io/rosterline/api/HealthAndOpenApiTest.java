package io.rosterline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class HealthAndOpenApiTest {

    @Test
    void readiness_is_up_with_the_database_check() {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void every_api_operation_has_a_summary_and_an_example_for_its_bodies() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(RestAssured.get("/q/openapi?format=json").asString());
        List<String> missing = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (!op.getValue().isObject() || !op.getValue().has("responses")) {
                    return;
                }
                String label = op.getKey().toUpperCase() + " " + path.getKey();
                if (op.getValue().path("summary").asText().isBlank()) {
                    missing.add(label + ": summary");
                }
                JsonNode body = op.getValue().path("requestBody").path("content").path("application/json").path("schema");
                if (!body.isMissingNode() && !hasExample(doc, body)) {
                    missing.add(label + ": request example");
                }
            });
        });
        assertEquals(List.of(), missing, "operations lacking documentation");
    }

    private static boolean hasExample(JsonNode doc, JsonNode schema) {
        if (schema.has("example") || schema.has("examples")) {
            return true;
        }
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            JsonNode target = doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
            return target.has("example") || target.has("examples");
        }
        return false;
    }
}
