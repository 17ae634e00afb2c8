package io.rosterline.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.rosterline.api.notifications.Notifications;
import io.rosterline.api.support.Api;
import io.rosterline.api.support.Await;
import io.rosterline.api.support.DistrictSnapshot;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.SftpUploads;
import io.rosterline.api.support.Tokens;
import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sync.engine.HttpWorkerApi;
import io.rosterline.sync.engine.SyncEngine;
import jakarta.inject.Inject;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URL;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The role x endpoint denial matrix, against a written-down access policy.
 *
 * <p>The operations are enumerated from the application's own OpenAPI description, and every one must be classified by
 * {@link #POLICY} below (method and path, which roles may call it): an endpoint added later fails here until someone
 * decides who may call it. Each operation's declared roles must equal the policy's, and the running API is checked
 * against the policy, not against its own annotations:
 * <ul>
 *     <li>no token is 401; each role the policy does not allow is 403 (with a token for the right district);</li>
 *     <li>an admin or integrator of district A is refused district B (403 or 404) both on B's paths and on A's own
 *     paths naming B's real sub-resources (its run, pool, rule, sticky license, upload, notification, SSH key,
 *     account, merge, review, school, course, term, class), and for writes B's rows are unchanged afterwards (a
 *     snapshot of every table the district owns);</li>
 *     <li>a sync worker holding the lease of A's run cannot use it on B's run;</li>
 *     <li>each allowed role is not refused (not 401 or 403): a positive control per operation and role.</li>
 * </ul>
 * Writes send the operation's own OpenAPI request example, or a body valid for the target, so that a refusal is a
 * refusal and not a validation error.
 */
@QuarkusTest
class DenialMatrixTest {

    private static final String SUPPORT = Roles.SUPPORT;
    private static final String ADMIN = Roles.DISTRICT_ADMIN;
    private static final String INTEGRATOR = Roles.INTEGRATOR;
    private static final String WORKER = Roles.SYNC_WORKER;
    private static final List<String> ALL_ROLES = List.of(SUPPORT, ADMIN, INTEGRATOR, WORKER);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private static final Set<String> EVERYONE = Set.of(SUPPORT, ADMIN, INTEGRATOR, WORKER);
    /** Reading a district's configuration and results. */
    private static final Set<String> READ = Set.of(SUPPORT, ADMIN, INTEGRATOR);
    /** Changing it: integrators are read-only API clients. */
    private static final Set<String> WRITE = Set.of(SUPPORT, ADMIN);
    private static final Set<String> SUPPORT_ONLY = Set.of(SUPPORT);
    private static final Set<String> WORKER_ONLY = Set.of(WORKER);

    /** A policy line: who may call the operations "METHOD /path" it lists ( (a|b) alternatives allowed in a path). */
    record Rule(Set<String> roles, List<String> operations, List<Pattern> patterns) {
        boolean matches(String method, String template) {
            String op = method.toUpperCase() + " " + template;
            return patterns.stream().anyMatch(p -> p.matcher(op).matches());
        }
    }

    private static Rule rule(Set<String> roles, String... operations) {
        List<Pattern> patterns = new ArrayList<>();
        for (String op : operations) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (char ch : op.toCharArray()) {
                if (ch == '(' || ch == ')' || ch == '|') {
                    if (!literal.isEmpty()) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(ch);
                } else {
                    literal.append(ch);
                }
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
            }
            patterns.add(Pattern.compile(regex.toString()));
        }
        return new Rule(roles, List.of(operations), patterns);
    }

    private static final String D = "/api/v1/districts/{districtId}";

    /** THE ACCESS POLICY. Every operation of the API must match exactly one line. */
    static final List<Rule> POLICY = List.of(
            rule(EVERYONE, "GET /api/v1/me"),
            // Districts: support manages them; admins and integrators read theirs; admins change what is theirs to change.
            rule(READ, "GET /api/v1/districts", "GET " + D),
            rule(SUPPORT_ONLY, "POST /api/v1/districts", "DELETE " + D),
            rule(WRITE, "PUT " + D),
            // The product catalogue is the publisher's: support keeps it, district roles read it.
            rule(READ, "GET /api/v1/products", "GET /api/v1/products/{productId}"),
            rule(SUPPORT_ONLY, "POST /api/v1/products", "PUT /api/v1/products/{productId}"),
            // A district's configuration, roster review and results: admins and integrators read.
            rule(READ,
                    "GET " + D + "/(checklist|audit|credentials|safety-settings|schedule|terms|schools|courses|course-rules"
                            + "|license-pools|sticky-licenses|sso-format|sftp|uploads|runs|readiness|account-merges|accounts"
                            + "|account-reviews|shadow-runs)",
                    "GET " + D + "/courses/{sourcedId}", "GET " + D + "/courses/{sourcedId}/licenses",
                    "GET " + D + "/license-pools/{poolId}", "GET " + D + "/sticky-licenses/rostered-staff",
                    "GET " + D + "/uploads/{uploadId}", "GET " + D + "/runs/{runId}",
                    "GET " + D + "/runs/{runId}/(staged|classes|plan|hold)", "GET " + D + "/runs/{runId}/classes/{classSourcedId}/roster",
                    "GET " + D + "/users/{userId}/licenses/{productId}/why"),
            // Notifications are for the district's admins (and support), not for API clients.
            rule(WRITE, "GET " + D + "/notifications", "POST " + D + "/notifications/{notificationId}/read"),
            // Changing a district's configuration, starting and deciding runs, fixing accounts: admins (and support).
            rule(WRITE,
                    "PUT " + D + "/(credentials|safety-settings|schedule|sso-format|sftp)",
                    "POST " + D + "/credentials/validate",
                    "PUT " + D + "/terms/{sourcedId}", "POST " + D + "/terms/refresh",
                    "PUT " + D + "/schools/{sourcedId}", "POST " + D + "/schools/(selection|refresh)",
                    "PUT " + D + "/courses/{sourcedId}", "POST " + D + "/courses/(selection|refresh)",
                    "POST " + D + "/course-rules", "DELETE " + D + "/course-rules/{ruleId}",
                    "PUT " + D + "/courses/{sourcedId}/licenses", "POST " + D + "/course-licenses",
                    "POST " + D + "/license-pools", "PUT " + D + "/license-pools/{poolId}", "DELETE " + D + "/license-pools/{poolId}",
                    "POST " + D + "/sticky-licenses", "DELETE " + D + "/sticky-licenses/{assignmentId}",
                    "POST " + D + "/sftp/(password|keys)", "DELETE " + D + "/sftp/keys/{keyId}",
                    "POST " + D + "/runs", "POST " + D + "/runs/{runId}/(approve|discard|accept-source-change|restore|review|apply)",
                    "POST " + D + "/readiness/(acknowledgements|actions)", "POST " + D + "/account-merges/{mergeId}/undo",
                    "POST " + D + "/account-reviews/{reviewId}/(accept|reject)"),
            // The worker protocol: the worker's service account only.
            rule(WORKER_ONLY, "POST /api/v1/worker/claims",
                    "POST /api/v1/worker/runs/{runId}/(heartbeat|courses|chunks|complete|fail)",
                    "GET /api/v1/worker/runs/{runId}/(source|source/archive|digest)"));

    record Operation(String method, String template, Set<String> declared, JsonNode requestExample) {
        boolean districtScoped() {
            return template.startsWith("/api/v1/districts/{districtId}");
        }

        boolean write() {
            return !method.equals("get");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + template;
        }
    }

    /**
     * Real resources of one district, created through the API, to put into the path placeholders; {sourcedId} is a
     * school under /schools, a term under /terms and a course elsewhere.
     */
    record Ids(UUID district, Map<String, String> values, String school, String term) {
        String path(String template) {
            if (template.startsWith(D + "/schools/")) {
                template = template.replace("{sourcedId}", school);
            } else if (template.startsWith(D + "/terms/")) {
                template = template.replace("{sourcedId}", term);
            }
            String path = template.replace("{districtId}", district.toString());
            for (Map.Entry<String, String> value : values.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }
    }

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    private static SandboxSis sis;
    private static UUID callerDistrict;
    private static UUID victimDistrict;
    private static Ids victim;
    private static Map<String, Object> victimBodies;
    private static final List<UUID> runsToRetire = new ArrayList<>();
    private static long startedAt;

    @AfterAll
    static void cleanUp() throws Exception {
        if (sis != null) {
            sis.close();
        }
        System.out.printf("DenialMatrixTest: %.1f s including setup%n", (System.nanoTime() - startedAt) / 1e9);
    }

    @TestFactory
    Stream<DynamicTest> every_endpoint_refuses_what_the_policy_refuses_and_allows_what_it_allows() throws Exception {
        startedAt = System.nanoTime();
        List<Operation> operations = operations();
        assertTrue(operations.size() >= 80, "the OpenAPI description lists the API's endpoints: " + operations.size());
        setUp();

        List<DynamicTest> tests = new ArrayList<>();
        List<DynamicTest> positives = new ArrayList<>();
        List<DynamicTest> destructive = new ArrayList<>();
        Map<Operation, Set<String>> policy = new LinkedHashMap<>();
        for (Operation op : operations) {
            List<Rule> rules = POLICY.stream().filter(r -> r.matches(op.method(), op.template())).toList();
            tests.add(DynamicTest.dynamicTest(op + " is classified by the access policy", () -> {
                assertEquals(1, rules.size(), op + " must be classified by exactly one line of DenialMatrixTest.POLICY: " + rules);
                assertEquals(new TreeSet<>(rules.get(0).roles()), new TreeSet<>(op.declared()),
                        op + " declares other roles (@RolesAllowed) than the policy allows");
            }));
            if (rules.size() == 1) {
                policy.put(op, rules.get(0).roles());
            }
        }
        for (Map.Entry<Operation, Set<String>> entry : policy.entrySet()) {
            Operation op = entry.getKey();
            Set<String> allowed = entry.getValue();
            String ownPath = victim.path(op.template());
            Object body = body(op);
            tests.add(DynamicTest.dynamicTest(op + " without a token is 401",
                    () -> expectUnchanged(Api.anonymous(), op, ownPath, body, Set.of(401))));
            for (String role : ALL_ROLES) {
                if (!allowed.contains(role)) {
                    String token = Tokens.token("wrong-role-" + role, Set.of(role), List.of(victimDistrict.toString()));
                    tests.add(DynamicTest.dynamicTest(op + " as " + role + " is 403",
                            () -> expectUnchanged(Api.as(token), op, ownPath, body, Set.of(403))));
                }
            }
            if (op.districtScoped()) {
                for (String role : List.of(ADMIN, INTEGRATOR)) {
                    if (!allowed.contains(role)) {
                        continue;
                    }
                    String token = Tokens.token(role + "-of-a", Set.of(role), List.of(callerDistrict.toString()));
                    tests.add(DynamicTest.dynamicTest(op + " as " + role + " of another district is refused",
                            () -> expectUnchanged(Api.as(token), op, ownPath, body, Set.of(403, 404))));
                    List<String> subResources = placeholders(op.template());
                    if (!subResources.isEmpty()) {
                        // A's own district in the path, B's real ids after it: only a tenancy check per resource refuses this.
                        String mixed = new Ids(callerDistrict, victim.values(), victim.school(), victim.term()).path(op.template());
                        tests.add(DynamicTest.dynamicTest(op + " as " + role + " with another district's " + String.join(", ", subResources)
                                + " is refused", () -> expectUnchanged(Api.as(token), op, mixed, body, Set.of(403, 404))));
                    }
                }
            }
            for (String role : allowed) {
                String token = role.equals(SUPPORT) ? Tokens.support() : role.equals(WORKER) ? Tokens.syncWorker()
                        : Tokens.token(role + "-of-b", Set.of(role), List.of(victimDistrict.toString()));
                DynamicTest test = DynamicTest.dynamicTest(op + " as " + role + " is not refused",
                        () -> expectAllowed(Api.as(token), op, ownPath, body));
                if (op.method().equals("delete") || op.template().equals(D + "/runs/{runId}/discard")) {
                    destructive.add(test);
                } else {
                    positives.add(test);
                }
            }
        }
        tests.addAll(workerLeaseCases(operations));
        tests.addAll(positives);
        // Deletions last (the district itself at the very end), so that every other case met the resources.
        destructive.sort((a, b) -> Boolean.compare(a.getDisplayName().startsWith("DELETE " + D + " "),
                b.getDisplayName().startsWith("DELETE " + D + " ")));
        tests.addAll(destructive);
        tests.add(DynamicTest.dynamicTest("the matrix leaves no run waiting for a worker", this::retireRuns));
        return tests.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The worker lease: A's lease does not open B's run.

    private List<DynamicTest> workerLeaseCases(List<Operation> operations) {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Object> lease = new HashMap<>();
        tests.add(DynamicTest.dynamicTest("a sync worker claims a run of district A and one of district B", () -> {
            UUID runA = requestRun(callerDistrict, Tokens.districtAdmin(callerDistrict));
            UUID runB = requestRun(victimDistrict, Tokens.districtAdmin(victimDistrict));
            Map<UUID, String> leases = new HashMap<>();
            for (int i = 0; i < 60 && !(leases.containsKey(runA) && leases.containsKey(runB)); i++) {
                Response claim = Api.as(Tokens.syncWorker()).body(Map.of("workerId", "matrix-worker")).post("/api/v1/worker/claims");
                if (claim.statusCode() == 204) {
                    break;
                }
                assertEquals(200, claim.statusCode(), claim.asString());
                leases.put(UUID.fromString(claim.path("runId")), claim.path("leaseToken"));
            }
            assertTrue(leases.containsKey(runA) && leases.containsKey(runB), "both runs were claimed: " + leases.keySet());
            lease.put("runA", runA);
            lease.put("runB", runB);
            lease.put("leaseA", leases.get(runA));
            lease.put("leaseB", leases.get(runB));
        }));
        for (Operation op : operations) {
            if (!op.template().startsWith("/api/v1/worker/runs/{runId}")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(op + " as sync-worker with district A's lease on another district's run is refused", () -> {
                assertFalse(lease.isEmpty(), "the runs were claimed");
                String path = op.template().replace("{runId}", lease.get("runB").toString())
                        + (op.template().endsWith("/digest") ? "?collection=users" : "");
                RequestSpecification request = Api.as(Tokens.syncWorker()).header("Lease-Token", lease.get("leaseA").toString())
                        .accept("application/json, application/x-ndjson, application/zip");
                Map<String, String> before = DistrictSnapshot.of(db, victimDistrict);
                Response response = send(request, op, path, workerBody(op));
                assertTrue(Set.of(403, 404, 409).contains(response.statusCode()),
                        op + " with A's lease on B's run answered " + response.statusCode() + ": " + response.asString());
                assertEquals("application/problem+json", contentType(response), op + " answers problem+json");
                assertFalse(response.asString().contains("client-secret") || response.asString().contains(sis.clientSecret()),
                        "B's connection settings leaked: " + response.asString());
                assertEquals(before, DistrictSnapshot.of(db, victimDistrict), op + " changed district B's rows");
            }));
        }
        tests.add(DynamicTest.dynamicTest("the leases are real: each run's own lease is accepted (control), then both runs are given up", () -> {
            for (String run : List.of("A", "B")) {
                Response own = Api.as(Tokens.syncWorker()).header("Lease-Token", lease.get("lease" + run).toString())
                        .body(Map.of("phase", "users", "done", 1, "total", 2)).post("/api/v1/worker/runs/" + lease.get("run" + run) + "/heartbeat");
                assertEquals(200, own.statusCode(), "run " + run + "'s own lease: " + own.asString());
                Api.as(Tokens.syncWorker()).header("Lease-Token", lease.get("lease" + run).toString())
                        .body(Map.of("error", "denial matrix: given up on purpose")).post("/api/v1/worker/runs/" + lease.get("run" + run) + "/fail")
                        .then().statusCode(204);
            }
        }));
        return tests;
    }

    private static Object workerBody(Operation op) {
        String t = op.template();
        if (t.endsWith("/heartbeat")) {
            return Map.of("phase", "users", "done", 10, "total", 20);
        } else if (t.endsWith("/chunks")) {
            return Map.of("chunkId", "matrix-1", "collection", "users", "upserts", List.of(Map.of("sourcedId", "stu-matrix", "hash",
                    "00ff00ff00ff00ff", "status", "active", "role", "student", "givenName", "Ana", "familyName", "Lopez")), "deletes", List.of());
        } else if (t.endsWith("/courses")) {
            return Map.of("courses", List.of(Map.of("sourcedId", "crs-matrix", "status", "active", "title", "Matrix 101",
                    "courseCode", "MATH-99", "schoolSourcedId", "sch-0001")));
        } else if (t.endsWith("/complete")) {
            return Map.of("readReport", Map.of("warnings", 0, "errors", 0));
        } else if (t.endsWith("/fail")) {
            return Map.of("error", "matrix");
        } else if (t.endsWith("/digest")) {
            return null;
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Expectations

    private void expectUnchanged(RequestSpecification request, Operation op, String path, Object body, Set<Integer> allowed) {
        Map<String, String> before = op.write() ? DistrictSnapshot.of(db, victimDistrict) : null;
        Response response = send(request, op, path, body);
        assertTrue(allowed.contains(response.statusCode()),
                op + " on " + path + " answered " + response.statusCode() + " (expected " + allowed + "): " + response.asString());
        assertEquals("application/problem+json", contentType(response), op + " answers problem+json");
        if (before != null) {
            assertEquals(before, DistrictSnapshot.of(db, victimDistrict), op + " was refused but changed district B's rows");
        }
    }

    private static void expectAllowed(RequestSpecification request, Operation op, String path, Object body) {
        Response response = send(request, op, path, body);
        int status = response.statusCode();
        assertTrue(status != 401 && status != 403 && status != 500,
                op + " on " + path + " was refused to an allowed role: " + status + " " + response.asString());
    }

    private static Response send(RequestSpecification request, Operation op, String path, Object body) {
        if (body != null && !op.method().equals("get") && !op.method().equals("delete")) {
            request = request.body(body);
        }
        return request.request(op.method().toUpperCase(), path);
    }

    private static String contentType(Response response) {
        String type = response.contentType();
        return type == null ? "" : type.split(";")[0];
    }

    private static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        while (m.find()) {
            if (!m.group(1).equals("districtId")) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The body a write sends: valid for district B's resources where the example names other ids, else the example. */
    private static Object body(Operation op) {
        Object override = victimBodies.get(op.method().toUpperCase() + " " + op.template());
        if (override != null) {
            return override;
        }
        return op.requestExample() == null ? null : op.requestExample().toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The operations, from the application's own description

    static List<Operation> operations() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(RestAssured.given().accept("application/json").get("/q/openapi?format=json").asString());
        List<Operation> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(method -> {
                if (!METHODS.contains(method.getKey())) {
                    return;
                }
                Set<String> roles = new TreeSet<>();
                method.getValue().path("security").forEach(requirement ->
                        requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText()))));
                operations.add(new Operation(method.getKey(), path.getKey(), roles,
                        requestExample(doc, method.getValue().path("requestBody").path("content").path("application/json"))));
            });
        });
        return operations;
    }

    private static JsonNode requestExample(JsonNode doc, JsonNode media) {
        if (media.isMissingNode()) {
            return null;
        }
        if (media.has("example")) {
            return media.get("example");
        }
        JsonNode schema = media.path("schema");
        String ref = schema.path("$ref").asText();
        if (ref.startsWith("#/components/schemas/")) {
            schema = doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        return schema.path("examples").isArray() && !schema.path("examples").isEmpty() ? schema.path("examples").get(0) : null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // District B, the one every refused request aims at, with a real resource for every path placeholder

    private void setUp() throws Exception {
        callerDistrict = Districts.fresh("Matrix Caller A " + UUID.randomUUID().toString().substring(0, 6));
        victimDistrict = Districts.fresh("Matrix Victim B " + UUID.randomUUID().toString().substring(0, 6));
        String admin = Tokens.districtAdmin(victimDistrict);
        String base = "/api/v1/districts/" + victimDistrict;
        sis = SandboxSis.start(SandboxSis.Config.defaults().students(60).seed(11));
        Map<String, String> ids = new LinkedHashMap<>();

        // Connected to its SIS, schools and courses loaded and chosen, a course rule, terms.
        Api.as(admin).body(Map.of("baseUrl", sis.oneRoster11Url(), "clientId", sis.clientId(), "clientSecret", sis.clientSecret(),
                "authMethod", "OAUTH2", "tokenUrl", sis.tokenUrl())).put(base + "/credentials").then().statusCode(200);
        Api.as(admin).post(base + "/schools/refresh").then().statusCode(200);
        Api.as(admin).body(Map.of("all", true, "included", true)).post(base + "/schools/selection").then().statusCode(200);
        Api.as(admin).post(base + "/courses/refresh").then().statusCode(200);
        Api.as(admin).post(base + "/terms/refresh").then().statusCode(200);
        ids.put("ruleId", String.valueOf(Api.as(admin).body(Map.of("matchField", "CODE", "pattern", "MATH-*", "effect", "INCLUDE"))
                .post(base + "/course-rules").then().statusCode(201).extract().<Object>path("id")));
        String school = Api.as(admin).get(base + "/schools?size=1").then().statusCode(200).extract().path("items[0].sourcedId");
        String course = Api.as(admin).get(base + "/courses?search=MATH&size=1").then().statusCode(200).extract().path("items[0].sourcedId");
        String term = Api.as(admin).get(base + "/terms").then().statusCode(200).extract().path("[0].sourcedId");
        assertNotNull(course, "a Mathematics course was discovered");

        // Products, a pool, the courses mapped; a manual import applied, then a second one staged.
        UUID teacherProduct = product("TEACHER");
        UUID studentProduct = product("STUDENT");
        Map<String, Object> poolBody = Map.of("productId", studentProduct.toString(), "seats", 500, "startDate", LocalDate.now().minusYears(1).toString(),
                "endDate", LocalDate.now().plusYears(1).toString(), "purchaseOrder", "PO-MATRIX", "mode", "ROSTERED");
        ids.put("poolId", Api.as(admin).body(poolBody).post(base + "/license-pools").then().statusCode(201).extract().path("id"));
        Api.as(admin).body(Map.of("productId", teacherProduct.toString(), "seats", 50, "startDate", LocalDate.now().minusYears(1).toString(),
                "endDate", LocalDate.now().plusYears(1).toString(), "purchaseOrder", "PO-MATRIX-T", "mode", "ROSTERED"))
                .post(base + "/license-pools").then().statusCode(201);
        Api.as(admin).body(Map.of("all", true, "included", true, "search", "MATH")).post(base + "/courses/selection").then().statusCode(200);
        List<String> mathCourses = Api.as(admin).get(base + "/courses?effectivelyIncluded=true&size=500").then().statusCode(200)
                .extract().path("items.sourcedId");
        Api.as(admin).body(Map.of("courseSourcedIds", mathCourses, "productIds", List.of(teacherProduct, studentProduct)))
                .post(base + "/course-licenses").then().statusCode(200);
        UUID applied = requestRun(victimDistrict, admin);
        runWorker();
        Api.as(admin).post(base + "/runs/" + applied + "/apply").then().statusCode(200);
        UUID staged = requestRun(victimDistrict, admin);
        runWorker();
        Api.as(admin).get(base + "/runs/" + staged).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("STAGED"));
        ids.put("runId", staged.toString());
        ids.put("classSourcedId", Api.as(admin).get(base + "/runs/" + staged + "/classes?size=1").then().statusCode(200)
                .extract().path("items[0].sourcedId"));

        // A sticky license for a rostered teacher; two accounts entered by hand, merged.
        String teacher = Api.as(admin).get(base + "/sticky-licenses/rostered-staff?size=1").then().statusCode(200).extract().path("items[0].id");
        ids.put("assignmentId", String.valueOf(Api.as(admin).body(Map.of("accountId", teacher, "productIds", List.of(teacherProduct)))
                .post(base + "/sticky-licenses").then().statusCode(201).extract().<Object>path("[0].id")));
        String first = enteredAccount(admin, base, "Morgan", teacherProduct);
        String second = enteredAccount(admin, base, "Morgan2", teacherProduct);
        ids.put("mergeId", Api.as(admin).body(Map.of("actions", List.of(Map.of("type", "MERGE", "accountId", first, "mergeAccountId", second))))
                .post(base + "/readiness/actions").then().statusCode(200).extract().path("[0].id"));
        ids.put("userId", teacher);
        ids.put("productId", teacherProduct.toString());

        // SFTP: an account, a key, an upload.
        SftpUploads.Login login = SftpUploads.account(victimDistrict, "Matrix-" + UUID.randomUUID());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        ids.put("keyId", Api.as(admin).body(Map.of("publicKey", PublicKeyEntry.toString(generator.generateKeyPair().getPublic()) + " matrix@b"))
                .post(base + "/sftp/keys").then().statusCode(201).extract().path("id"));
        SftpUploads.uploadExport(sis, login, "matrix-export.zip");
        ids.put("uploadId", awaitUpload(admin, base));

        // What no endpoint creates: an account review (the sync opens them) and a notification (held or failed runs),
        // written by the application's own code paths' tables.
        UUID review = UUID.randomUUID();
        UUID notification;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_match_review (id, district_id, sourced_id, kind, rule, "
                    + "matched_value, candidate_account_ids, detail, created_at, updated_at) VALUES (?, ?, 'stu-matrix', 'SEVERAL_CANDIDATES', "
                    + "'EMAIL', 'morgan@matrix.example', ARRAY[?::uuid, ?::uuid], 'two accounts share the email', now(), now())")) {
                ps.setObject(1, review);
                ps.setObject(2, victimDistrict);
                ps.setString(3, first);
                ps.setString(4, teacher);
                ps.executeUpdate();
            }
            notification = Notifications.create(c, victimDistrict, "RUN_FAILED", "A sync run failed", "The SIS did not answer.", staged,
                    Instant.now());
        }
        ids.put("reviewId", review.toString());
        ids.put("notificationId", notification.toString());
        awaitNotificationSettled(notification);
        ids.put("sourcedId", course);
        victim = new Ids(victimDistrict, ids, school, term);

        // Bodies valid for B's resources, where the operation's own example names ids that do not exist.
        victimBodies = new HashMap<>();
        victimBodies.put("PUT " + D + "/license-pools/{poolId}", poolBody);
        victimBodies.put("POST " + D + "/license-pools", poolBody);
        victimBodies.put("PUT " + D + "/courses/{sourcedId}/licenses", Map.of("productIds", List.of(studentProduct)));
        victimBodies.put("POST " + D + "/course-licenses", Map.of("courseSourcedIds", List.of(course), "productIds", List.of(studentProduct)));
        victimBodies.put("PUT " + D + "/courses/{sourcedId}", Map.of("included", false));
        victimBodies.put("POST " + D + "/courses/selection", Map.of("exclude", List.of(course)));
        victimBodies.put("POST " + D + "/schools/selection", Map.of("exclude", List.of(school)));
        victimBodies.put("POST " + D + "/sticky-licenses", Map.of("accountId", teacher, "productIds", List.of(studentProduct)));
        victimBodies.put("POST " + D + "/readiness/actions", Map.of("actions", List.of(Map.of("type", "MERGE", "accountId", teacher,
                "mergeAccountId", first))));
        victimBodies.put("POST " + D + "/account-reviews/{reviewId}/accept", Map.of("accountId", first));
        victimBodies.put("PUT " + D + "/credentials", Map.of("baseUrl", sis.oneRoster11Url(), "clientId", sis.clientId(),
                "clientSecret", sis.clientSecret(), "authMethod", "OAUTH2", "tokenUrl", sis.tokenUrl()));
    }

    private static UUID product(String edition) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return UUID.fromString(Api.as(Tokens.support()).body(Map.of("sku", "MATRIX-" + edition + "-" + suffix,
                "title", "Matrix " + edition.toLowerCase() + " " + suffix, "edition", edition)).post("/api/v1/products")
                .then().statusCode(201).extract().path("id"));
    }

    private static String enteredAccount(String admin, String base, String name, UUID product) {
        String login = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        return Api.as(admin).body(Map.of("account", Map.of("givenName", name, "familyName", "Matrix", "email", login + "@matrix.example",
                        "login", login), "productIds", List.of(product)))
                .post(base + "/sticky-licenses").then().statusCode(201).extract().path("[0].account.id");
    }

    private static UUID requestRun(UUID district, String admin) {
        UUID run = UUID.fromString(Api.as(admin).body(Map.of("kind", "MANUAL_IMPORT")).post("/api/v1/districts/" + district + "/runs")
                .then().statusCode(202).extract().path("id"));
        runsToRetire.add(run);
        return run;
    }

    private void runWorker() {
        new SyncEngine(new HttpWorkerApi(api.toString(), Tokens::syncWorker), new SyncEngine.Settings(300, Duration.ofMillis(500)))
                .runAllDue("matrix-setup-" + UUID.randomUUID().toString().substring(0, 6));
    }

    private static String awaitUpload(String admin, String base) {
        return Await.until("the SFTP upload recorded", Duration.ofSeconds(30),
                () -> Api.as(admin).get(base + "/uploads?size=1").then().statusCode(200).extract().<String>path("items[0].id"));
    }

    /** The mail dispatcher may touch a new notification once; wait for that so the snapshots see a still district. */
    private void awaitNotificationSettled(UUID notification) {
        Await.untilTrue("the notification's email status settled", Duration.ofSeconds(20), () -> {
            try (Connection c = db.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT email_status FROM notification WHERE id = ?")) {
                ps.setObject(1, notification);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String status = rs.getString(1);
                    return status == null || !(status.equals("PENDING") || status.equals("SENDING"));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs the positive controls queued are given up, so that no later test's worker picks them up. */
    private void retireRuns() throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE sync_run SET status = 'FAILED', error = 'denial matrix', finished_at = now(), "
                     + "lease_token = NULL, lease_expires_at = NULL WHERE district_id IN (?, ?) AND status IN ('QUEUED', 'RUNNING')")) {
            ps.setObject(1, callerDistrict);
            ps.setObject(2, victimDistrict);
            ps.executeUpdate();
        }
    }
}
