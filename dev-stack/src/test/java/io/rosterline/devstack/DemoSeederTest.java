package io.rosterline.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeding logic against a stand-in for roster-api and Keycloak that keeps the state the real endpoints keep
 * (credentials, schools, courses, rules, products, pools, mappings) and answers with the shapes of roster-api's
 * OpenAPI description. The real roster-api is exercised by the web UI's demo browser test (npm run e2e:demo).
 */
class DemoSeederTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SANDBOX = "http://localhost:8090";
    private static final String DISTRICT = "/api/v1/districts/" + DemoSeeder.HARBOR;
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private HttpServer server;
    private FakeRosterApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeRosterApi();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", api::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DemoSeeder seeder(String sandboxUrl) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return new DemoSeeder(base, base + "/realms/rosterline/protocol/openid-connect/token", sandboxUrl, TODAY);
    }

    @Test
    void givenABareDemoDistrict_whenSeeded_thenItIsHalfWayThroughTheChecklistAndARestartAddsNothing() {
        DemoSeeder.Result first = seeder(SANDBOX).seed();

        assertEquals(DemoSeeder.HARBOR, first.districtId());
        assertEquals(SANDBOX + "/ims/oneroster/v1p1", api.credentials.path("baseUrl").asText());
        assertEquals("sandbox-client", api.credentials.path("clientId").asText());
        assertEquals("OAUTH2", api.credentials.path("authMethod").asText());
        assertEquals(SANDBOX + "/oauth/token", api.credentials.path("tokenUrl").asText());
        assertEquals(Set.of("sch-0001", "sch-0002"), api.includedSchools);
        assertEquals(List.of("MATH-*", "ELA-*"), api.rules.stream().map(r -> r.path("pattern").asText()).toList());
        assertEquals(4, api.products.size());
        assertEquals(4, api.pools.size());
        for (JsonNode pool : api.pools) {
            assertEquals("ROSTERED", pool.path("mode").asText());
            assertEquals("2026-07-01", pool.path("startDate").asText());
            assertEquals("2027-06-30", pool.path("endDate").asText());
        }
        // Every included course grants its subject's teacher and student editions; science is not included.
        assertEquals(Set.of(api.productId("DEMO-MATH-TE"), api.productId("DEMO-MATH-SE")), api.mappings.get("crs-00001"));
        assertEquals(Set.of(api.productId("DEMO-ELA-TE"), api.productId("DEMO-ELA-SE")), api.mappings.get("crs-00002"));
        assertFalse(api.mappings.containsKey("crs-00003"));
        assertEquals("seeded now (" + first.changes().size() + " additions)", first.summary());
        int writes = api.writes.size();

        DemoSeeder.Result restart = seeder(SANDBOX).seed();

        assertEquals(List.of(), restart.changes());
        assertEquals("already seeded (nothing added)", restart.summary());
        assertEquals(writes, api.writes.size(), "a restart writes nothing: " + api.writes.subList(writes, api.writes.size()));
        assertEquals(4, api.products.size());
        assertEquals(4, api.pools.size());
        assertEquals(2, api.rules.size());
    }

    @Test
    void givenTheSandboxMovedToAnotherPort_whenSeededAgain_thenOnlyTheCredentialsFollowIt() {
        seeder(SANDBOX).seed();
        int writes = api.writes.size();

        DemoSeeder.Result moved = seeder("http://localhost:9099").seed();

        assertEquals(List.of("SIS credentials (sandbox, OAuth 2)"), moved.changes());
        assertEquals(List.of("PUT " + DISTRICT + "/credentials"), api.writes.subList(writes, api.writes.size()));
        assertEquals("http://localhost:9099/ims/oneroster/v1p1", api.credentials.path("baseUrl").asText());
    }

    @Test
    void givenSomeoneConnectedARealSis_whenSeeded_thenTheirCredentialsAreLeftAlone() {
        api.credentials = JSON.createObjectNode().put("configured", true)
                .put("baseUrl", "https://sis.harbor.k12.ca.us/ims/oneroster/v1p1").put("clientId", "harbor-prod");

        seeder(SANDBOX).seed();

        assertFalse(api.writes.contains("PUT " + DISTRICT + "/credentials"));
        assertEquals("harbor-prod", api.credentials.path("clientId").asText());
    }

    @Test
    void givenTheSisRefusesTheSandboxCredentials_whenSeeded_thenStartingFailsWithTheReason() {
        api.validation = "INVALID";

        StackStartException error = assertThrows(StackStartException.class, () -> seeder(SANDBOX).seed());

        assertTrue(error.getMessage().contains("did not accept the sandbox SIS's credentials"), error.getMessage());
        assertTrue(error.getMessage().contains("The SIS said no"), error.getMessage());
    }

    /** The endpoints DemoSeeder calls, with roster-api's behaviour reduced to what seeding depends on. */
    private static final class FakeRosterApi {
        ObjectNode credentials = JSON.createObjectNode().put("configured", false);
        String validation = "VALID";
        final List<String> schools = new ArrayList<>();
        final Set<String> includedSchools = new LinkedHashSet<>();
        /** sourcedId -> course code */
        final Map<String, String> courses = new LinkedHashMap<>();
        final List<JsonNode> rules = new ArrayList<>();
        final List<JsonNode> products = new ArrayList<>();
        final List<JsonNode> pools = new ArrayList<>();
        final Map<String, Set<String>> mappings = new HashMap<>();
        final List<String> writes = new ArrayList<>();

        String productId(String sku) {
            return products.stream().filter(p -> p.path("sku").asText().equals(sku)).findFirst().orElseThrow().path("id").asText();
        }

        void handle(HttpExchange exchange) throws IOException {
            try {
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getPath();
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (path.endsWith("/protocol/openid-connect/token")) {
                    Map<String, String> form = query(body);
                    boolean support = "password".equals(form.get("grant_type")) && "support".equals(form.get("username"))
                            && "support".equals(form.get("password")) && "rosterline-web".equals(form.get("client_id"));
                    reply(exchange, support ? 200 : 401, support ? JSON.createObjectNode().put("access_token", "support-token")
                            : JSON.createObjectNode().put("error", "invalid_grant"));
                    return;
                }
                if (!"Bearer support-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    reply(exchange, 401, JSON.createObjectNode());
                    return;
                }
                if (!method.equals("GET")) {
                    writes.add(method + " " + path);
                }
                reply(exchange, 200, route(method, path, query, body.isEmpty() ? null : JSON.readTree(body)));
            } catch (RuntimeException | AssertionError e) {
                reply(exchange, 500, JSON.createObjectNode().put("title", String.valueOf(e)));
            }
        }

        private JsonNode route(String method, String path, Map<String, String> query, JsonNode body) {
            String key = method + " " + path.replace(DISTRICT, "{d}");
            switch (key) {
                case "GET {d}/credentials" -> {
                    return credentials;
                }
                case "PUT {d}/credentials" -> {
                    credentials = ((ObjectNode) body.deepCopy()).put("configured", true);
                    credentials.remove("clientSecret");
                    ObjectNode answer = credentials.deepCopy();
                    answer.putObject("validation").put("status", validation)
                            .put("message", validation.equals("VALID") ? "Sandbox District, 2 schools" : "The SIS said no");
                    return answer;
                }
                case "GET {d}/schools" -> {
                    long total = "true".equals(query.get("included")) ? includedSchools.size() : schools.size();
                    return page(JSON.createArrayNode(), total);
                }
                case "POST {d}/schools/refresh" -> {
                    schools.addAll(List.of("sch-0001", "sch-0002"));
                    return JSON.createObjectNode().put("discovered", 2);
                }
                case "POST {d}/schools/selection" -> {
                    assertTrue(body.path("all").asBoolean() && body.path("included").asBoolean());
                    includedSchools.addAll(schools);
                    return JSON.createObjectNode().put("includedTotal", includedSchools.size());
                }
                case "GET {d}/courses" -> {
                    if (!"true".equals(query.get("effectivelyIncluded"))) {
                        return page(JSON.createArrayNode(), courses.size());
                    }
                    ArrayNode items = JSON.createArrayNode();
                    courses.forEach((id, code) -> {
                        if (rules.stream().anyMatch(r -> matches(r.path("pattern").asText(), code))) {
                            ObjectNode course = items.addObject().put("sourcedId", id).put("courseCode", code);
                            mappings.getOrDefault(id, Set.of()).forEach(course.putArray("productIds")::add);
                        }
                    });
                    return page(items, items.size());
                }
                case "POST {d}/courses/refresh" -> {
                    assertFalse(includedSchools.isEmpty(), "courses are loaded for the included schools");
                    courses.put("crs-00001", "MATH-03");
                    courses.put("crs-00002", "ELA-03");
                    courses.put("crs-00003", "SCI-03");
                    courses.put("crs-00005", "MATH-04");
                    return JSON.createObjectNode().put("discovered", courses.size());
                }
                case "GET {d}/course-rules" -> {
                    return JSON.valueToTree(rules);
                }
                case "POST {d}/course-rules" -> {
                    ObjectNode rule = ((ObjectNode) body.deepCopy()).put("id", rules.size() + 1);
                    rules.add(rule);
                    return rule;
                }
                case "GET /api/v1/products" -> {
                    return JSON.valueToTree(products);
                }
                case "POST /api/v1/products" -> {
                    assertFalse(products.stream().anyMatch(p -> p.path("sku").equals(body.path("sku"))), "SKUs are unique");
                    ObjectNode product = ((ObjectNode) body.deepCopy()).put("id", UUID.randomUUID().toString());
                    products.add(product);
                    return product;
                }
                case "GET {d}/license-pools" -> {
                    return JSON.valueToTree(pools);
                }
                case "POST {d}/license-pools" -> {
                    ObjectNode pool = ((ObjectNode) body.deepCopy()).put("id", UUID.randomUUID().toString());
                    pools.add(pool);
                    return pool;
                }
                case "POST {d}/course-licenses" -> {
                    assertFalse(body.path("replace").asBoolean(), "adds to the courses' licenses");
                    body.path("courseSourcedIds").forEach(c -> body.path("productIds")
                            .forEach(p -> mappings.computeIfAbsent(c.asText(), x -> new LinkedHashSet<>()).add(p.asText())));
                    return JSON.createObjectNode().put("courses", body.path("courseSourcedIds").size());
                }
                default -> throw new IllegalStateException("unexpected call " + key);
            }
        }

        private static boolean matches(String pattern, String code) {
            return Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE).matcher(code).matches();
        }

        private static ObjectNode page(ArrayNode items, long total) {
            ObjectNode page = JSON.createObjectNode().put("page", 0).put("total", total);
            page.set("items", items);
            return page;
        }

        private static Map<String, String> query(String raw) {
            Map<String, String> out = new HashMap<>();
            if (raw == null || raw.isEmpty()) {
                return out;
            }
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            return out;
        }

        private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
