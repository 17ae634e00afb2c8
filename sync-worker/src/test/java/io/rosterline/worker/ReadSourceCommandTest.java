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

import io.rosterline.sandbox.SandboxSis;
import io.rosterline.sandbox.Summary;

import java.net.ServerSocket;
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
    /** The sandbox SIS: a synthetic district over OneRoster (OAuth 1 and 2) and PowerSchool-shaped endpoints. */
    private static SandboxSis sandbox;

    @BeforeAll
    static void startSis() {
        sis = new WireMockServer(wireMockConfig().dynamicPort());
        sis.start();
        sandbox = SandboxSis.start(SandboxSis.Config.defaults().students(700).seed(3).threads(2));
    }

    @AfterAll
    static void stopSis() {
        sis.stop();
        sandbox.close();
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
    void givenTheSandboxOverOAuth1_whenReadSourceRuns_thenEveryCollectionIsCountedAndItExitsZero(QuarkusMainLauncher launcher) throws Exception {
        sandbox.reset();
        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--auth", "oauth1",
                "--base-url", sandbox.oneRoster11Url(), "--client-id", sandbox.clientId(),
                "--client-secret", sandbox.clientSecret(), "--page-size", "250");

        assertEquals(ExitCodes.OK, result.exitCode(), result.getErrorOutput());
        JsonNode json = stdoutJson(result);
        assertTrue(json.get("complete").asBoolean());
        Summary expected = sandbox.expectedSummary();
        for (String c : new String[]{"orgs", "academicSessions", "courses", "classes", "users", "enrollments"}) {
            assertEquals(expected.get(c).total(), json.get("counts").get(c).asLong(), c);
        }
        assertEquals(0, json.get("warnings").get("count").asInt(), json.toString());
        assertTrue(sandbox.stats().get("auth.oauth1.ok") > 0);
        assertEquals(0, sandbox.stats().get("auth.oauth1.rejected"));
    }

    @Test
    void givenThePowerSchoolSandbox_whenReadSourceRunsWithKindPowerschool_thenItPrintsTheDistrictsCounts(
            QuarkusMainLauncher launcher) throws Exception {
        sandbox.reset();

        LaunchResult result = launcher.launch("read-source", "--kind", "powerschool", "--base-url", sandbox.baseUrl(),
                "--client-id", sandbox.clientId(), "--client-secret", sandbox.clientSecret(), "--page-size", "100");

        assertEquals(ExitCodes.OK, result.exitCode(), result.getErrorOutput());
        JsonNode json = stdoutJson(result);
        assertTrue(json.get("complete").asBoolean());
        JsonNode counts = json.get("counts");
        Summary expected = sandbox.expectedSummary();
        assertEquals(expected.get("schools").active(), counts.get("orgs").asLong());
        assertEquals(3, counts.get("academicSessions").asLong(), "the year and two semesters");
        assertEquals(expected.get("courses").active(), counts.get("courses").asLong());
        assertEquals(expected.get("classes").active(), counts.get("classes").asLong(), "sections");
        assertEquals(expected.get("users").active(), counts.get("users").asLong(), "students and staff");
        // Each student sits in 6 to 8 sections, and each section has one lead teacher (the library's sandbox test
        // checks the exact figure against the district's OneRoster API).
        long students = expected.get("students").active();
        long sections = expected.get("classes").active();
        long enrollments = counts.get("enrollments").asLong();
        assertTrue(enrollments >= sections + 6 * students && enrollments <= sections + 8 * students, "enrollments " + enrollments);
        assertTrue(sandbox.stats().get("group.powerschool") > 0);
        assertEquals(0, sandbox.stats().get("group.oneroster-v1p1"));
    }

    @Test
    void givenOAuth1SignatureHmacSha1_whenReadSourceRuns_thenEveryRequestIsSignedWithSha1(QuarkusMainLauncher launcher) throws Exception {
        sis.resetAll();
        String[] names = {"orgs", "academicSessions", "courses", "classes", "users", "enrollments"};
        for (String c : names) {
            sis.stubFor(get(urlPathEqualTo(BASE + c)).atPriority(2).willReturn(aResponse().withStatus(401)));
            sis.stubFor(get(urlPathEqualTo(BASE + c)).atPriority(1)
                    .withHeader("Authorization", matching("OAuth .*oauth_signature_method=\"HMAC-SHA1\".*"))
                    .willReturn(okJson("{\"" + c + "\":[]}").withHeader("X-Total-Count", "0")));
        }

        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--auth", "oauth1",
                "--oauth1-signature", "hmac-sha1", "--base-url", sis.baseUrl() + "/ims/oneroster/v1p1",
                "--client-id", "k", "--client-secret", "s");

        assertEquals(ExitCodes.OK, result.exitCode(), result.getErrorOutput());
        sis.verify(6, getRequestedFor(urlPathMatching(BASE + ".*")).withHeader("Authorization", containing("HMAC-SHA1")));
    }

    @Test
    void givenOAuth2ClientAuthForm_whenReadSourceRuns_thenTheClientIdAndSecretGoInTheFormBodyNotAHeader(
            QuarkusMainLauncher launcher) throws Exception {
        sis.resetAll();
        districtHarbor();
        sis.stubFor(post("/oauth/token").atPriority(1).withHeader("Authorization", absent())
                .withRequestBody(containing("client_id=harbor")).withRequestBody(containing("client_secret=harbor-secret"))
                .willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":3600}")));

        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--auth", "oauth2",
                "--oauth2-client-auth", "form", "--base-url", sis.baseUrl() + "/ims/oneroster/v1p1",
                "--token-url", sis.baseUrl() + "/oauth/token", "--client-id", "harbor", "--client-secret", "harbor-secret");

        assertEquals(ExitCodes.OK, result.exitCode(), result.getErrorOutput());
        assertEquals(1, stdoutJson(result).get("counts").get("users").asInt());
        sis.verify(1, postRequestedFor(urlEqualTo("/oauth/token")).withoutHeader("Authorization"));
    }

    @Test
    void givenAnUnknownSignatureMethod_thenItIsAUsageError(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--base-url", sis.baseUrl(),
                "--oauth1-signature", "plaintext", "--client-id", "k", "--client-secret", "s");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(stdoutJson(result).get("errors").get(0).asText().contains("hmac-sha256 or hmac-sha1"));
    }

    @Test
    void givenAPortWhereNothingListens_whenReadSourceRuns_thenItExitsWithTheUnreachableCode(QuarkusMainLauncher launcher) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--auth", "oauth1",
                "--base-url", "http://127.0.0.1:" + closedPort + "/ims/oneroster/v1p1", "--client-id", "k",
                "--client-secret", "s", "--retries", "1");

        assertEquals(ExitCodes.UNREACHABLE, result.exitCode());
        JsonNode json = stdoutJson(result);
        assertEquals("unreachable", json.get("failure").asText());
        assertTrue(json.get("errors").get(0).asText().contains("refused the connection"), json.toString());
    }

    @Test
    void givenA200ThatIsNotOneRoster_whenReadSourceRuns_thenItExitsWithTheInvalidDataCode(QuarkusMainLauncher launcher) throws Exception {
        sis.resetAll();
        sis.stubFor(get(urlPathMatching(BASE + ".*")).willReturn(okJson("{\"status\":\"ok\",\"items\":[]}")));

        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest", "--auth", "oauth1",
                "--base-url", sis.baseUrl() + "/ims/oneroster/v1p1", "--client-id", "k", "--client-secret", "s");

        assertEquals(ExitCodes.INVALID_DATA, result.exitCode());
        JsonNode json = stdoutJson(result);
        assertEquals("not_oneroster", json.get("failure").asText());
        assertTrue(json.get("errors").get(0).asText().contains("without the 'orgs' list"), json.toString());
        assertEquals(0, json.get("counts").get("orgs").asInt(), "nothing read, never an empty roster reported as complete");
        assertFalse(json.get("complete").asBoolean());
    }

    @Test
    void givenAMissingBaseUrl_thenUsageErrorIsJsonToo(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("read-source", "--kind", "oneroster-rest");

        assertEquals(ExitCodes.USAGE, result.exitCode());
        assertTrue(stdoutJson(result).get("errors").get(0).asText().contains("--base-url is required"));
    }
}
