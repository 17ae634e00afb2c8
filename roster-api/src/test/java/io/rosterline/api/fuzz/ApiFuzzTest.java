package io.rosterline.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.rosterline.api.support.Api;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests generated from the API's own OpenAPI description: bodies built from each schema and then broken (wrong
 * types, nulls, missing and unknown fields, huge and odd strings, bogus enum values), and junk in path parameters.
 * The properties: never a 5xx; every refusal is problem+json without internals; a validation refusal names a field;
 * and a refused request leaves no trace (the district and its audit trail are unchanged).
 * The seed is fixed for reproducible CI; run with -Dfuzz.seed=N -Dfuzz.cases=M to explore further.
 */
@QuarkusTest
class ApiFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);
    private static final int CASES = Integer.getInteger("fuzz.cases", 5);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] ODD_STRINGS = {"", " ", "null", "0", "-1", "💥🚀", "' OR 1=1 --", "<script>alert(1)</script>",
            "../../etc/passwd", "\u0000", "2026-13-45", "25:61", "ÿþ", "%s%n", "Robert'); DROP TABLE district;--"};

    @TestFactory
    Stream<DynamicTest> generated_requests_never_break_the_api_or_leave_a_trace() throws Exception {
        UUID district = Districts.fresh("Fuzz Unified");
        JsonNode doc = new ObjectMapper().readTree(RestAssured.get("/q/openapi?format=json").asString());
        Random random = new Random(SEED);
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode schema = method.getValue().path("requestBody").path("content").path("application/json").path("schema");
                for (int i = 0; i < CASES; i++) {
                    long caseSeed = random.nextLong();
                    String label = method.getKey().toUpperCase() + " " + path.getKey() + " case " + i + " (seed " + caseSeed + ")";
                    tests.add(DynamicTest.dynamicTest(label,
                            () -> fuzzOnce(doc, method.getKey(), path.getKey(), schema, district, new Random(caseSeed), label)));
                }
            }
        }
        return tests.stream();
    }

    private void fuzzOnce(JsonNode doc, String method, String template, JsonNode schema, UUID district, Random random, String label) {
        boolean junkPath = schema.isMissingNode() || random.nextInt(4) == 0;
        String path = template.replace("{districtId}", junkPath && random.nextBoolean() ? junk(random) : district.toString())
                .replaceAll("\\{[^}]+}", junkPath ? junk(random) : UUID.randomUUID().toString());
        String body = schema.isMissingNode() ? null : broken(resolve(doc, schema), doc, random, 0).toString();

        String before = snapshot(district);
        var request = Api.as(Tokens.support()).urlEncodingEnabled(true);
        if (body != null) {
            request.body(body);
        }
        Response response = request.request(method.toUpperCase(), path);
        int status = response.statusCode();
        assertTrue(status < 500, label + " answered " + status + ": " + response.asString());
        if (status >= 400) {
            assertEquals("application/problem+json", response.contentType().split(";")[0], label + " refusal is problem+json");
            String text = response.asString();
            assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("io.rosterline"), label + " leaks internals: " + text);
            if (response.jsonPath().getString("type").endsWith("/validation")) {
                assertFalse(response.jsonPath().getList("errors.field").isEmpty(), label + " names the offending field");
            }
            assertEquals(before, snapshot(district), label + " was refused but changed stored state");
        }
    }

    /** The district as stored plus how many audit entries it has: a refused request must change neither. */
    private static String snapshot(UUID district) {
        String stored = Api.as(Tokens.support()).get("/api/v1/districts/" + district).asString();
        long audited = Api.as(Tokens.support()).get("/api/v1/districts/" + district + "/audit?size=1").jsonPath().getLong("total");
        return stored + "#audit=" + audited;
    }

    private static String junk(Random random) {
        String[] values = {"not-a-uuid", "0", "-1", "%20", "..%2F..", "d1000000", "🙂", "null", "x".repeat(300)};
        return values[random.nextInt(values.length)];
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            return resolve(doc, doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())));
        }
        return schema;
    }

    /** A value for the schema, then broken in one of several ways. */
    private static JsonNode broken(JsonNode schema, JsonNode doc, Random random, int depth) {
        JsonNode value = plausible(schema, doc, random, depth);
        if (!(value instanceof ObjectNode object) || object.isEmpty()) {
            return random.nextBoolean() ? value : wrongType(schema, random);
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String victim = names.get(random.nextInt(names.size()));
        switch (random.nextInt(6)) {
            case 0 -> object.set(victim, wrongType(resolve(doc, schema.path("properties").path(victim)), random));
            case 1 -> object.putNull(victim);
            case 2 -> object.remove(victim);
            case 3 -> object.put("unexpected" + random.nextInt(100), "surprise");
            case 4 -> object.put(victim, ODD_STRINGS[random.nextInt(ODD_STRINGS.length)]);
            default -> object.put(victim, "x".repeat(10_000 + random.nextInt(90_000)));
        }
        return object;
    }

    private static JsonNode plausible(JsonNode schema, JsonNode doc, Random random, int depth) {
        schema = resolve(doc, schema);
        if (schema.has("enum")) {
            JsonNode options = schema.get("enum");
            return options.get(random.nextInt(options.size()));
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode object = JSON.objectNode();
                if (depth < 3) {
                    schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), plausible(p.getValue(), doc, random, depth + 1)));
                }
                return object;
            }
            case "array": {
                ArrayNode array = JSON.arrayNode();
                int size = random.nextInt(3);
                for (int i = 0; i < size && depth < 3; i++) {
                    array.add(plausible(schema.path("items"), doc, random, depth + 1));
                }
                return array;
            }
            case "integer":
                return JSON.numberNode(random.nextBoolean() ? random.nextInt(100) : random.nextInt());
            case "number":
                return JSON.numberNode(random.nextDouble() * 1e6);
            case "boolean":
                return JSON.booleanNode(random.nextBoolean());
            default: {
                String format = schema.path("format").asText();
                return switch (format) {
                    case "uuid" -> JSON.textNode(UUID.randomUUID().toString());
                    case "date" -> JSON.textNode("2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
                    case "date-time" -> JSON.textNode("2026-11-23T0" + random.nextInt(10) + ":00:00Z");
                    default -> JSON.textNode(ODD_STRINGS[random.nextInt(ODD_STRINGS.length)] + random.nextInt(1000));
                };
            }
        }
    }

    private static JsonNode wrongType(JsonNode schema, Random random) {
        String type = schema.path("type").asText("string");
        return switch (random.nextInt(4)) {
            case 0 -> "string".equals(type) ? JSON.numberNode(42) : JSON.textNode("forty-two");
            case 1 -> JSON.arrayNode().add(1).add("two");
            case 2 -> JSON.objectNode().put("nested", true);
            default -> "boolean".equals(type) ? JSON.textNode("maybe") : JSON.booleanNode(true);
        };
    }
}
