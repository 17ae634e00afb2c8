package io.rosterline.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the demo district Harbor Unified half-way through the Integration Settings Checklist for the local run,
 * through roster-api's REST API with a support token, exactly as an admin and support staff would:
 * the sandbox SIS's OneRoster credentials (checked live), every school, the Math and ELA courses (two course rules),
 * a teacher and a student edition per subject in the product catalogue, a ROSTERED pool per product covering the
 * school year, and every included course mapped to its subject's two editions.
 *
 * <p>The later steps are left for the person trying Rosterline: the manual import and its review, term dates, the
 * readiness review and the schedule.
 *
 * <p>Idempotent: every part is read first and only what is missing is added, so a restart (the local run keeps its
 * database) adds nothing twice. Credentials are only written when none are set, or when they are the sandbox's
 * but point at another address (the sandbox moved port); a real SIS someone entered is left alone.
 */
public final class DemoSeeder {

    public static final String HARBOR = "d1000000-0000-4000-8000-000000000001";
    /** The sandbox SIS's one accepted client (sis-sandbox's defaults). */
    public static final String SANDBOX_CLIENT_ID = "sandbox-client";
    public static final String SANDBOX_CLIENT_SECRET = "sandbox-secret";
    static final String SUPPORT_USER = "support";
    static final String SUPPORT_PASSWORD = "support";
    static final String WEB_CLIENT = "rosterline-web";

    /** A demo product and the course codes it licenses (the sandbox's codes are SUBJECT-GRADE, e.g. MATH-03). */
    record DemoProduct(String sku, String title, String edition, String coursePrefix, int seats) {
    }

    static final List<DemoProduct> PRODUCTS = List.of(
            new DemoProduct("DEMO-MATH-TE", "Rosterline Math Teacher Edition", "TEACHER", "MATH-", 200),
            new DemoProduct("DEMO-MATH-SE", "Rosterline Math Student Edition", "STUDENT", "MATH-", 5000),
            new DemoProduct("DEMO-ELA-TE", "Rosterline ELA Teacher Edition", "TEACHER", "ELA-", 200),
            new DemoProduct("DEMO-ELA-SE", "Rosterline ELA Student Edition", "STUDENT", "ELA-", 5000));
    static final List<String> COURSE_CODE_RULES = List.of("MATH-*", "ELA-*");

    /** What seeding did: the changes it made (empty when everything was there already). */
    public record Result(String districtId, List<String> changes) {
        public String summary() {
            return changes.isEmpty() ? "already seeded (nothing added)" : "seeded now (" + changes.size() + " additions)";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiUrl;
    private final String tokenUrl;
    private final String sandboxUrl;
    private final LocalDate today;
    private final List<String> changes = new ArrayList<>();
    private String token;

    /**
     * @param apiUrl     roster-api, e.g. http://localhost:8080
     * @param tokenUrl   the realm's token endpoint (the support user signs in with the password grant of rosterline-web)
     * @param sandboxUrl the sandbox SIS, e.g. http://localhost:8090
     */
    public DemoSeeder(String apiUrl, String tokenUrl, String sandboxUrl) {
        this(apiUrl, tokenUrl, sandboxUrl, LocalDate.now());
    }

    DemoSeeder(String apiUrl, String tokenUrl, String sandboxUrl, LocalDate today) {
        this.apiUrl = apiUrl;
        this.tokenUrl = tokenUrl;
        this.sandboxUrl = sandboxUrl;
        this.today = today;
    }

    public Result seed() {
        token = supportToken();
        credentials();
        schools();
        courses();
        courseRules();
        Map<String, String> productIds = products();
        pools(productIds);
        mappings(productIds);
        return new Result(HARBOR, List.copyOf(changes));
    }

    private String district(String path) {
        return "/api/v1/districts/" + HARBOR + path;
    }

    private void credentials() {
        JsonNode saved = get(district("/credentials"));
        String baseUrl = sandboxUrl + "/ims/oneroster/v1p1";
        boolean configured = saved.path("configured").asBoolean(false);
        boolean sandboxClient = SANDBOX_CLIENT_ID.equals(saved.path("clientId").asText());
        if (configured && (!sandboxClient || baseUrl.equals(saved.path("baseUrl").asText()))) {
            return; // already the sandbox, or a real SIS someone entered: leave it
        }
        ObjectNode body = JSON.createObjectNode()
                .put("baseUrl", baseUrl)
                .put("clientId", SANDBOX_CLIENT_ID)
                .put("clientSecret", SANDBOX_CLIENT_SECRET)
                .put("authMethod", "OAUTH2")
                .put("tokenUrl", sandboxUrl + "/oauth/token");
        JsonNode result = send("PUT", district("/credentials"), body);
        JsonNode validation = result.path("validation");
        if (!"VALID".equals(validation.path("status").asText())) {
            throw new StackStartException("Seeding the demo district: roster-api did not accept the sandbox SIS's credentials ("
                    + validation.path("message").asText("no message") + ")");
        }
        changes.add("SIS credentials (sandbox, OAuth 2)");
    }

    private void schools() {
        if (get(district("/schools?size=1")).path("total").asLong() == 0) {
            send("POST", district("/schools/refresh"), null);
            changes.add("schools loaded");
        }
        if (get(district("/schools?included=true&size=1")).path("total").asLong() == 0) {
            send("POST", district("/schools/selection"), JSON.createObjectNode().put("all", true).put("included", true));
            changes.add("every school included");
        }
    }

    private void courses() {
        if (get(district("/courses?size=1")).path("total").asLong() == 0) {
            send("POST", district("/courses/refresh"), null);
            changes.add("courses loaded");
        }
    }

    private void courseRules() {
        Set<String> existing = new HashSet<>();
        for (JsonNode rule : get(district("/course-rules"))) {
            if ("CODE".equals(rule.path("matchField").asText()) && "INCLUDE".equals(rule.path("effect").asText())) {
                existing.add(rule.path("pattern").asText());
            }
        }
        for (String pattern : COURSE_CODE_RULES) {
            if (!existing.contains(pattern)) {
                send("POST", district("/course-rules"), JSON.createObjectNode()
                        .put("matchField", "CODE").put("pattern", pattern).put("effect", "INCLUDE"));
                changes.add("course rule " + pattern);
            }
        }
    }

    /** @return product id by SKU */
    private Map<String, String> products() {
        Map<String, String> bySku = new HashMap<>();
        for (JsonNode product : get("/api/v1/products?includeInactive=true")) {
            bySku.put(product.path("sku").asText(), product.path("id").asText());
        }
        for (DemoProduct product : PRODUCTS) {
            if (!bySku.containsKey(product.sku())) {
                JsonNode created = send("POST", "/api/v1/products", JSON.createObjectNode()
                        .put("sku", product.sku()).put("title", product.title()).put("edition", product.edition()).put("active", true));
                bySku.put(product.sku(), created.path("id").asText());
                changes.add("product " + product.sku());
            }
        }
        return bySku;
    }

    private void pools(Map<String, String> productIds) {
        Set<String> pooled = new HashSet<>();
        for (JsonNode pool : get(district("/license-pools"))) {
            pooled.add(pool.path("productId").asText());
        }
        int schoolYear = StackOptions.currentSchoolYear(today);
        for (DemoProduct product : PRODUCTS) {
            String productId = productIds.get(product.sku());
            if (!pooled.contains(productId)) {
                send("POST", district("/license-pools"), JSON.createObjectNode()
                        .put("productId", productId)
                        .put("seats", product.seats())
                        .put("startDate", (schoolYear - 1) + "-07-01")
                        .put("endDate", schoolYear + "-06-30")
                        .put("purchaseOrder", "DEMO-" + schoolYear)
                        .put("mode", "ROSTERED"));
                changes.add("rostered pool of " + product.seats() + " for " + product.sku());
            }
        }
    }

    private void mappings(Map<String, String> productIds) {
        // Per subject prefix: the products it grants, and the included courses still missing one of them.
        Map<String, List<String>> productsByPrefix = new LinkedHashMap<>();
        for (DemoProduct product : PRODUCTS) {
            productsByPrefix.computeIfAbsent(product.coursePrefix(), p -> new ArrayList<>()).add(productIds.get(product.sku()));
        }
        Map<String, List<String>> unmappedByPrefix = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            JsonNode result = get(district("/courses?effectivelyIncluded=true&size=500&page=" + page));
            for (JsonNode course : result.path("items")) {
                String code = course.path("courseCode").asText();
                Set<String> has = new HashSet<>();
                course.path("productIds").forEach(id -> has.add(id.asText()));
                productsByPrefix.forEach((prefix, products) -> {
                    if (code.startsWith(prefix) && !has.containsAll(products)) {
                        unmappedByPrefix.computeIfAbsent(prefix, p -> new ArrayList<>()).add(course.path("sourcedId").asText());
                    }
                });
            }
            if ((long) (page + 1) * 500 >= result.path("total").asLong()) {
                break;
            }
        }
        unmappedByPrefix.forEach((prefix, courses) -> {
            ObjectNode body = JSON.createObjectNode().put("replace", false);
            courses.forEach(body.putArray("courseSourcedIds")::add);
            productsByPrefix.get(prefix).forEach(body.putArray("productIds")::add);
            send("POST", district("/course-licenses"), body);
            changes.add(courses.size() + " " + prefix.replace("-", "") + " courses mapped");
        });
    }

    private String supportToken() {
        String form = "grant_type=password&client_id=" + enc(WEB_CLIENT) + "&username=" + enc(SUPPORT_USER)
                + "&password=" + enc(SUPPORT_PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        JsonNode answer = exchange(request, "POST " + tokenUrl);
        String accessToken = answer.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new StackStartException("Seeding the demo district: Keycloak gave the support user no access token");
        }
        return accessToken;
    }

    private JsonNode get(String path) {
        return send("GET", path, null);
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                // PUT credentials checks the SIS live; refreshes read it: allow for a slow machine.
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return exchange(request.build(), method + " " + path);
    }

    private JsonNode exchange(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String text = response.body() == null ? "" : response.body();
                throw new StackStartException("Seeding the demo district: " + what + " answered HTTP " + response.statusCode()
                        + (text.isBlank() ? "" : ": " + text.substring(0, Math.min(400, text.length()))));
            }
            String text = response.body();
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new StackStartException("Seeding the demo district: " + what + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Seeding the demo district was interrupted", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
