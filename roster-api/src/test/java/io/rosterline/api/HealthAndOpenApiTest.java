package io.rosterline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness, and the API description as integrators read it in /q/swagger-ui. Every operation under /api, enumerated
 * from /q/openapi, must have a summary, a description, an example for each request body and for at least one 2xx
 * response with content (a 204-only operation says so in its description); examples must fit their schemas, so a
 * renamed field cannot leave a stale example behind. An endpoint added later without these fails the build.
 */
@QuarkusTest
class HealthAndOpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    /** Shorter than this is a label, not a description an integrator can act on. */
    private static final int MIN_DESCRIPTION = 60;

    private static JsonNode doc;

    @BeforeEach
    void readDescription() throws Exception {
        if (doc == null) {
            doc = new ObjectMapper().readTree(RestAssured.given().accept("application/json").get("/q/openapi?format=json").asString());
        }
    }

    @Test
    void readiness_is_up_with_the_database_check() {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void swagger_ui_is_served() {
        RestAssured.get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void every_api_operation_has_a_summary_a_description_and_examples() {
        List<String> missing = new ArrayList<>();
        int[] operations = {0};
        forEachOperation((label, op) -> {
            operations[0]++;
            if (op.path("summary").asText().isBlank()) {
                missing.add(label + ": summary");
            }
            String description = op.path("description").asText();
            if (description.length() < MIN_DESCRIPTION) {
                missing.add(label + ": a description of at least " + MIN_DESCRIPTION + " characters (has " + description.length() + ")");
            }
            op.path("requestBody").path("content").fields().forEachRemaining(media -> {
                if (!hasExample(media.getValue())) {
                    missing.add(label + ": request example for " + media.getKey());
                }
            });
            boolean any2xx = false;
            boolean content2xx = false;
            boolean example2xx = false;
            Iterator<Map.Entry<String, JsonNode>> responses = op.path("responses").fields();
            while (responses.hasNext()) {
                Map.Entry<String, JsonNode> response = responses.next();
                if (!response.getKey().startsWith("2")) {
                    continue;
                }
                any2xx = true;
                Iterator<Map.Entry<String, JsonNode>> media = response.getValue().path("content").fields();
                while (media.hasNext()) {
                    Map.Entry<String, JsonNode> type = media.next();
                    content2xx = true;
                    JsonNode schema = type.getValue().path("schema");
                    if (hasExample(type.getValue()) || isBinary(schema)) {
                        example2xx = true;
                    } else if (schema.isMissingNode() || schema.isEmpty()) {
                        missing.add(label + ": " + response.getKey() + " " + type.getKey() + " has neither a schema nor an example");
                    }
                }
            }
            if (!any2xx) {
                missing.add(label + ": no 2xx response documented");
            } else if (content2xx && !example2xx) {
                missing.add(label + ": an example for a 2xx response");
            } else if (!content2xx && (!op.path("responses").has("204") || !description.contains("204"))) {
                missing.add(label + ": without a 2xx body it must document 204 and say so in its description");
            }
        });
        assertTrue(operations[0] >= 80, "the description lists the API's operations: " + operations[0]);
        assertEquals(List.of(), missing, "operations lacking documentation");
    }

    @Test
    void every_example_fits_its_schema_and_every_reference_resolves() {
        List<String> problems = new ArrayList<>();
        forEachOperation((label, op) -> {
            op.path("requestBody").path("content").fields().forEachRemaining(media ->
                    examplesOf(media.getValue()).forEach(example -> fits(example, media.getValue().path("schema"), label + " request", problems)));
            op.path("responses").fields().forEachRemaining(response -> response.getValue().path("content").fields().forEachRemaining(media -> {
                if (media.getKey().contains("json")) {
                    examplesOf(media.getValue()).forEach(example ->
                            fits(example, media.getValue().path("schema"), label + " " + response.getKey(), problems));
                }
            }));
        });
        doc.path("components").path("schemas").fields().forEachRemaining(schema ->
                examplesOf(schema.getValue()).forEach(example -> fits(example, schema.getValue(), "schema " + schema.getKey(), problems)));
        collectRefs(doc, problems);
        assertEquals(List.of(), problems, "examples that do not fit their schema, or dangling references");
    }

    private static void forEachOperation(BiConsumer<String, JsonNode> action) {
        doc.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    action.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                }
            });
        });
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            return resolve(doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())));
        }
        return schema;
    }

    /** The media type's or schema's own example, or one Swagger UI composes from exemplified parts only. */
    private static boolean hasExample(JsonNode media) {
        return media.has("example") || media.has("examples") || schemaExample(media.path("schema"), 0);
    }

    private static boolean schemaExample(JsonNode schema, int depth) {
        if (schema.isMissingNode() || depth > 6) {
            return false;
        }
        JsonNode resolved = resolve(schema);
        if (resolved.has("example") || resolved.has("examples") || resolved.has("enum")) {
            return true;
        }
        if ("array".equals(resolved.path("type").asText())) {
            return schemaExample(resolved.path("items"), depth + 1);
        }
        JsonNode properties = resolved.path("properties");
        if (properties.isEmpty()) {
            return false;
        }
        for (JsonNode property : properties) {
            if (!schemaExample(property, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBinary(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        return "binary".equals(resolved.path("format").asText()) || "binary".equals(resolved.path("contentEncoding").asText());
    }

    private static List<JsonNode> examplesOf(JsonNode node) {
        List<JsonNode> examples = new ArrayList<>();
        if (node.has("example")) {
            examples.add(node.get("example"));
        }
        JsonNode many = node.path("examples");
        if (many.isArray()) {
            many.forEach(examples::add);
        } else if (many.isObject()) {
            many.forEach(e -> examples.add(e.has("value") ? e.get("value") : e));
        }
        return examples;
    }

    /** Structural fit: right JSON types, enum values, formats, and no property the schema does not know. */
    private static void fits(JsonNode value, JsonNode schema, String where, List<String> problems) {
        JsonNode s = resolve(schema);
        if (value.isNull() || s.isMissingNode() || s.isEmpty() || s.has("allOf") || s.has("oneOf") || s.has("anyOf")
                || schema.path("$ref").asText().endsWith("/JsonNode")) {
            return;
        }
        if (s.has("enum")) {
            boolean known = false;
            for (JsonNode option : s.get("enum")) {
                known |= option.equals(value);
            }
            if (!known) {
                problems.add(where + ": " + value + " is not one of " + s.get("enum"));
            }
            return;
        }
        String type = s.path("type").isArray() ? s.path("type").path(0).asText() : s.path("type").asText(s.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(where + ": expected an object, got " + value);
                    return;
                }
                JsonNode properties = s.path("properties");
                value.fields().forEachRemaining(field -> {
                    if (properties.has(field.getKey())) {
                        fits(field.getValue(), properties.get(field.getKey()), where + "." + field.getKey(), problems);
                    } else if (s.path("additionalProperties").isObject()) {
                        fits(field.getValue(), s.get("additionalProperties"), where + "." + field.getKey(), problems);
                    } else if (!properties.isEmpty() && !s.path("additionalProperties").asBoolean(false)) {
                        problems.add(where + ": unknown property '" + field.getKey() + "'");
                    }
                });
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": expected an array, got " + value);
                    return;
                }
                value.forEach(item -> fits(item, s.path("items"), where + "[]", problems));
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": expected an integer, got " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": expected a number, got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected true or false, got " + value);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": expected a string, got " + value);
                    return;
                }
                String format = s.path("format").asText();
                try {
                    switch (format) {
                        case "uuid" -> UUID.fromString(value.asText());
                        case "date" -> LocalDate.parse(value.asText());
                        case "date-time" -> OffsetDateTime.parse(value.asText()).toInstant();
                        case "local-time" -> LocalTime.parse(value.asText());
                        default -> {
                        }
                    }
                } catch (RuntimeException e) {
                    problems.add(where + ": '" + value.asText() + "' is not a valid " + format);
                }
            }
            default -> {
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> problems) {
        Set<String> seen = new HashSet<>();
        collectRefs(node, problems, seen);
    }

    private static void collectRefs(JsonNode node, List<String> problems, Set<String> seen) {
        if (node.isObject()) {
            String ref = node.path("$ref").asText();
            if (ref.startsWith("#/components/schemas/") && seen.add(ref)
                    && doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())).isMissingNode()) {
                problems.add("dangling reference " + ref);
            }
            node.forEach(child -> collectRefs(child, problems, seen));
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, problems, seen));
        }
    }
}
