package io.rosterline.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusMainTest
class ReadSourceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/ims/oneroster/v1p1/";
    private static WireMockServer sis;

    @BeforeAll
    static void startSis() {
        sis = new WireMockServer(wireMockConfig().dynamicPort());
        sis.start();
    }

    @AfterAll
    static void stopSis() {
        sis.stop();
    }

    @BeforeEach
    void districtHarbor() {
        sis.resetAll();
        sis.stubFor(post("/oauth/token").withBasicAuth("harbor", "harbor-secret")
                .willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));
        sis.stubFor(post("/oauth/token").withBasicAuth("harbor", "wrong")
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\"}")));
        String[][] collections = {
                {"orgs", "{\"sourcedId\":\"s1\",\"status\":\"active\",\"dateLastModified\":\"2026-01-01T00:00:00Z\",\"name\":\"Harbor High\",\"type\":\"school\"}"},
                {"academicSessions", "{\"sourcedId\":\"t1\",\"status\":\"active\",\"dateLastModified\":\"2026-01-01T00:00:00Z\",\"title\":\"Fall\",\"type\":\"term\",\"startDate\":\"2025-08-20\",\"endDate\":\"2025-12-20\",\"schoolYear\":\"2026\"}"},
                {"courses", "{\"sourcedId\":\"co1\",\"status\":\"active\",\"dateLastModified\":\"2026-01-01T00:00:00Z\",\"title\":\"Math 6\",\"org\":{\"href\":\"https://x/orgs/s1\",\"sourcedId\":\"s1\",\"type\":\"org\"}}"},
                {"classes", "{\"sourcedId\":\"c1\",\"status\":\"active\",\"dateLastModified\":\"2026-01-01T00:00:00Z\",\"title\":\"Math 6 - 1\",\"classType\":\"Scheduled\",\"course\":{\"href\":\"https://x/courses/co1\",\"sourcedId\":\"co1\",\"type\":\"course\"},\"school\":{\"href\":\"https://x/orgs/s1\",\"sourcedId\":\"s1\",\"type\":\"org\"},\"terms\":[{\"href\":\"https://x/academicSessions/t1\",\"sourcedId\":\"t1\",\"type\":\"academicSession\"}]}"},
                {"users", "{\"sourcedId\":\"u1\",\"status\":\"active\",\"dateLastModified\":\"2026-01-01T00:00:00Z\",\"enabledUser\":\"true\",\"username\":\"ana\",\"givenName\":\"Ana\",\"familyName\":\"Lopez\",\"role\":\"student\"}"},
                {"enrollments", "{\"sourcedId\":\"e1\",\"status\":\"active\",\"dateLastModified\":\"2026-01-01T00:00:00Z\",\"role\":\"student\",\"user\":{\"href\":\"https://x/users/u1\",\"sourcedId\":\"u1\",\"type\":\"user\"},\"class\":{\"href\":\"https://x/classes/c1\",\"sourcedId\":\"c1\",\"type\":\"class\"},\"school\":{\"href\":\"https://x/orgs/s1\",\"sourcedId\":\"s1\",\"type\":\"org\"}}"}};
        for (String[] c : collections) {
            sis.stubFor(get(urlPathEqualTo(BASE + c[0])).withHeader("Authorization", equalTo("Bearer t"))
                    .willReturn(okJson("{\"" + c[0] + "\":[" + c[1] + "]}").withHeader("X-Total-Count", "1")));
        }
    }

    private static JsonNode stdoutJson(LaunchResult result) throws Exception {
        String out = result.getOutput().trim();
        assertTrue(out.startsWith("{") && out.endsWith("}"), "stdout must be exactly one JSON object, was: " + out);
        return JSON.readTree(out);
    }

    @Test
    void givenAnOAuth2OneRosterDistrict_whenReadSourceRuns_thenItPrintsCountsAndExitsZero(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--auth", "oauth2",
                "--base-url", sis.baseUrl() + "/ims/oneroster/v1p1", "--token-url", sis.baseUrl() + "/oauth/token",
                "--client-id", "harbor", "--client-secret", "harbor-secret", "--page-size", "50",
                "--since", "2025-12-31T00:00:00Z");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        JsonNode json = stdoutJson(result);
        assertTrue(json.get("complete").asBoolean());
        for (String c : new String[]{"orgs", "academicSessions", "courses", "classes", "users", "enrollments"}) {
            assertEquals(1, json.get("counts").get(c).asInt(), c);
        }
        assertEquals(1, json.get("warnings").get("count").asInt());
        assertEquals(1, json.get("warnings").get("byKind").get("ENUM_CASE").asInt());
        assertEquals(0, json.get("errors").size());
        sis.verify(getRequestedFor(urlPathEqualTo(BASE + "users"))
                .withQueryParam("filter", equalTo("dateLastModified>'2025-12-31T00:00:00Z'")));
    }

    @Test
    void givenAWrongSecret_whenReadSourceRuns_thenItExitsWithTheCredentialsCodeAndAPlainMessage(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--auth", "oauth2",
                "--base-url", sis.baseUrl() + "/ims/oneroster/v1p1", "--token-url", sis.baseUrl() + "/oauth/token",
                "--client-id", "harbor", "--client-secret", "wrong");

        assertEquals(ExitCodes.BAD_CREDENTIALS, result.exitCode());
        JsonNode json = stdoutJson(result);
        assertFalse(json.get("complete").asBoolean());
        assertEquals("bad_credentials", json.get("failure").asText());
        assertTrue(json.get("errors").get(0).asText().contains("refused the client id/secret"), json.toString());
        assertFalse(result.getOutput().contains("wrong"), "the secret must not be printed");
    }

    @Test
    void givenAnUnknownHost_whenReadSourceRuns_thenItExitsWithTheUnreachableCode(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--auth", "oauth1",
                "--base-url", "http://sis.harbor.invalid/ims/oneroster/v1p1", "--client-id", "k", "--client-secret", "s");

        assertEquals(ExitCodes.UNREACHABLE, result.exitCode());
        assertEquals("host_not_found", stdoutJson(result).get("failure").asText());
        assertTrue(result.getErrorOutput().contains("sis.harbor.invalid"), result.getErrorOutput());
    }

    @Test
    void givenACsvZipWithABadRow_whenReadSourceRuns_thenItReportsTheRowAndExitsWithTheInvalidDataCode(QuarkusMainLauncher launcher) throws Exception {
        Path dir = Files.createTempDirectory("rosterline-csv");
        Path zip = dir.resolve("export.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("manifest.csv"));
            out.write("propertyName,value\noneroster.version,1.1\nfile.users,bulk\n".getBytes());
            out.putNextEntry(new java.util.zip.ZipEntry("users.csv"));
            out.write("sourcedId,username,role,enabledUser\nu1,ana,student,true\n,bob,student,true\n".getBytes());
        }

        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-csv", "--file", zip.toString());

        assertEquals(ExitCodes.INVALID_DATA, result.exitCode());
        JsonNode json = stdoutJson(result);
        assertEquals(1, json.get("counts").get("users").asInt());
        assertEquals("users.csv line 3: no sourcedId; row skipped", json.get("errors").get(0).asText());
    }

    @Test
    void givenAMissingBaseUrl_thenUsageErrorIsJsonToo(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(stdoutJson(result).get("errors").get(0).asText().contains("--base-url is required"));
    }
}
