package io.rosterline.sis.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.oneroster.Endpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Checks the endpoints we call against a vendor's copy of the OneRoster 1.1 OpenAPI description (StrongMind's, with
 * their extra continuationToken parameter and their own scopes): every path exists there as a GET, every query
 * parameter we send is declared, and the list in its 200 answer is under the envelope key we read.
 */
class OneRosterOpenApiInteropTest {

    private static JsonNode openApi;

    @BeforeAll
    static void load() throws Exception {
        openApi = new ObjectMapper().readTree(InteropData.resolve("openapi/oneroster_v1p1_openapi_strongmind-copy.json").toFile());
    }

    /** Every endpoint the connector and the sync engine read, with a made-up id where the path takes one. */
    private static List<Endpoint> endpointsWeRead() {
        List<Endpoint> all = new ArrayList<>();
        for (RosterCollection c : RosterCollection.values()) {
            all.add(Endpoint.of(c));
        }
        all.add(Endpoint.schools());
        all.add(Endpoint.terms());
        all.add(Endpoint.students());
        all.add(Endpoint.teachers());
        all.add(Endpoint.classesOfSchool("sch-1"));
        all.add(Endpoint.enrollmentsOfSchool("sch-1"));
        all.add(Endpoint.coursesOfSchool("sch-1"));
        all.add(Endpoint.studentsOfClass("cls 1"));
        all.add(Endpoint.teachersOfClass("cls-1"));
        all.add(Endpoint.classesOfCourse("crs-1"));
        all.add(Endpoint.classesOfTerm("as-1"));
        return all;
    }

    /** The declared path template that matches a concrete path ("/schools/{schoolSourcedId}/classes"), or null. */
    private static String declaredPath(String path) {
        Iterator<String> names = openApi.get("paths").fieldNames();
        while (names.hasNext()) {
            String template = names.next();
            String regex = "\\Q" + template.replaceAll("\\{[^/]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (Pattern.matches(regex, path)) {
                return template;
            }
        }
        return null;
    }

    private static JsonNode schema(JsonNode ref) {
        String name = ref.get("$ref").asText().substring("#/components/schemas/".length());
        return openApi.get("components").get("schemas").get(name);
    }

    @Test
    void givenTheVendorOpenApi_thenEveryEndpointWeReadIsADeclaredGetWithOurParametersAndEnvelope() {
        // The query parameters every page request of the reader carries (limit, offset, sort; filter on delta reads).
        Set<String> sent = new HashSet<>(List.of("limit", "offset", "sort", "filter"));
        for (Endpoint e : endpointsWeRead()) {
            String path = "/" + URI.create("http://x/" + e.path()).getRawPath().substring(1);
            String template = declaredPath(path);
            assertNotNull(template, path + " is not declared");
            JsonNode get = openApi.get("paths").get(template).get("get");
            assertNotNull(get, template + " has no GET");
            Set<String> declared = new HashSet<>();
            for (JsonNode p : get.get("parameters")) {
                if ("query".equals(p.get("in").asText())) {
                    declared.add(p.get("name").asText());
                }
            }
            assertTrue(declared.containsAll(sent), template + " declares " + declared);
            JsonNode ok = get.get("responses").get("200");
            JsonNode list = schema(ok.get("content").get("application/json").get("schema")).get("properties");
            assertEquals(List.of(e.collection().oneRosterName()), iterable(list.fieldNames()), template + " envelope");
            assertTrue(ok.get("headers").has("X-Total-Count"), template + " sends X-Total-Count, which we page by");
        }
    }

    @Test
    void givenTheVendorOpenApi_thenItsListsTakeLimitAndOffsetWithTheDefaultsWeAssume() {
        JsonNode users = openApi.get("paths").get("/users").get("get").get("parameters");
        int checked = 0;
        for (JsonNode p : users) {
            switch (p.get("name").asText()) {
                case "limit" -> {
                    assertEquals(1, p.get("schema").get("minimum").asInt(), "a page holds at least one record");
                    checked++;
                }
                case "offset" -> {
                    assertEquals(0, p.get("schema").get("minimum").asInt(), "offsets start at 0");
                    checked++;
                }
                default -> { }
            }
        }
        assertEquals(2, checked);
        assertEquals("oauth2", openApi.get("components").get("securitySchemes").get("OAuth2Security").get("type").asText());
        assertTrue(openApi.get("components").get("securitySchemes").get("OAuth2Security").get("flows").has("clientCredentials"),
                "OAuth 2 client credentials, the grant our OAuth 2 support uses");
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
