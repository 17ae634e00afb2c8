package io.rosterline.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.rosterline.api.support.Api;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role x endpoint denial matrix. It enumerates the application's own OpenAPI description, so an endpoint added
 * later is covered without editing this test: no token is 401, a role the endpoint does not allow is 403, and an
 * admin or integrator of district A is refused district B.
 */
@QuarkusTest
class DenialMatrixTest {

    private static final List<String> ALL_ROLES = List.of(Roles.SUPPORT, Roles.DISTRICT_ADMIN, Roles.INTEGRATOR, Roles.SYNC_WORKER);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    record Operation(String method, String template, Set<String> roles) {
        boolean districtScoped() {
            return template.contains("{districtId}");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + template;
        }
    }

    @TestFactory
    Stream<DynamicTest> every_endpoint_refuses_what_it_must() throws Exception {
        UUID target = Districts.lakeside();
        UUID other = Districts.harbor();
        List<Operation> operations = operations();
        assertTrue(operations.size() >= 8, "the OpenAPI description lists the API's endpoints: " + operations);

        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations) {
            String path = concretePath(op.template(), target);
            tests.add(DynamicTest.dynamicTest(op + " declares the roles it allows",
                    () -> assertFalse(op.roles().isEmpty(), op + " must declare @RolesAllowed")));
            tests.add(DynamicTest.dynamicTest(op + " without a token is 401",
                    () -> expect(Api.anonymous(), op.method(), path, Set.of(401), op + " anonymous")));
            for (String role : ALL_ROLES) {
                if (!op.roles().contains(role)) {
                    String token = Tokens.token("wrong-role-" + role, Set.of(role), List.of(target.toString()));
                    tests.add(DynamicTest.dynamicTest(op + " as " + role + " is 403",
                            () -> expect(Api.as(token), op.method(), path, Set.of(403), op + " as " + role)));
                }
            }
            if (op.districtScoped()) {
                for (String role : List.of(Roles.DISTRICT_ADMIN, Roles.INTEGRATOR)) {
                    if (op.roles().contains(role)) {
                        String token = Tokens.token(role + "-of-other", Set.of(role), List.of(other.toString()));
                        tests.add(DynamicTest.dynamicTest(op + " as " + role + " of another district is refused",
                                () -> expect(Api.as(token), op.method(), path, Set.of(403, 404), op + " cross-district " + role)));
                    }
                }
            }
        }
        return tests.stream();
    }

    /** The operations under /api, with the roles each declares (smallrye-openapi adds them from @RolesAllowed). */
    static List<Operation> operations() throws Exception {
        String json = RestAssured.given().accept("application/json").get("/q/openapi?format=json").asString();
        JsonNode paths = new ObjectMapper().readTree(json).path("paths");
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> pathIterator = paths.fields();
        while (pathIterator.hasNext()) {
            Map.Entry<String, JsonNode> path = pathIterator.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> methodIterator = path.getValue().fields();
            while (methodIterator.hasNext()) {
                Map.Entry<String, JsonNode> method = methodIterator.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                Set<String> roles = new TreeSet<>();
                method.getValue().path("security").forEach(requirement ->
                        requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText()))));
                operations.add(new Operation(method.getKey(), path.getKey(), roles));
            }
        }
        return operations;
    }

    static String concretePath(String template, UUID district) {
        return template.replace("{districtId}", district.toString())
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private static void expect(RequestSpecification request, String method, String path, Set<Integer> allowed, String label) {
        Response response = switch (method) {
            case "get" -> request.get(path);
            case "delete" -> request.delete(path);
            case "post" -> request.body("{}").post(path);
            case "put" -> request.body("{}").put(path);
            case "patch" -> request.body("{}").patch(path);
            default -> throw new IllegalArgumentException(method);
        };
        assertTrue(allowed.contains(response.statusCode()),
                label + " answered " + response.statusCode() + " (expected " + allowed + "): " + response.asString());
        assertEquals("application/problem+json", response.contentType().split(";")[0], label + " answers problem+json");
    }
}
