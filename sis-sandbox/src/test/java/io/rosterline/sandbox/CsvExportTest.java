package io.rosterline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given a district, the OneRoster bulk CSV zips hold the same active records the REST API lists. */
class CsvExportTest {

    static SandboxSis sis;
    static SisClient client;

    @BeforeAll
    static void start() {
        sis = SandboxSis.start(1800, 5);
        client = new SisClient(sis);
    }

    @AfterAll
    static void stop() {
        sis.stop();
    }

    /** File name to its lines (header first). */
    static Map<String, List<String>> unzip(InputStream in) throws IOException {
        Map<String, List<String>> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                List<String> lines = new ArrayList<>();
                BufferedReader r = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
                files.put(e.getName(), lines);
            }
        }
        return files;
    }

    private Map<String, List<String>> download(String path) throws IOException {
        HttpResponse<byte[]> r;
        try {
            r = client.http.send(HttpRequest.newBuilder(URI.create(sis.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(200, r.statusCode());
        assertEquals("application/zip", r.headers().firstValue("Content-Type").orElseThrow());
        return unzip(new ByteArrayInputStream(r.body()));
    }

    @Test
    void theOneRoster11ZipHoldsManifestAndEveryBulkFileWithMatchingCounts() throws IOException {
        sis.roster().dropStudents(4, null);
        Map<String, List<String>> files = download("/csv/oneroster-v1p1.zip");
        assertEquals(List.of("manifest.csv", "orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "users.csv", "enrollments.csv"),
                new ArrayList<>(files.keySet()));
        List<String> manifest = files.get("manifest.csv");
        assertEquals("propertyName,value", manifest.get(0));
        assertTrue(manifest.contains("oneroster.version,1.1"));
        assertTrue(manifest.contains("file.enrollments,bulk"));
        assertTrue(manifest.contains("file.demographics,absent"));
        assertEquals("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password", files.get("users.csv").get(0));
        assertEquals("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
                files.get("enrollments.csv").get(0));
        Summary s = sis.expectedSummary();
        assertEquals(s.get("orgs").active(), files.get("orgs.csv").size() - 1);
        assertEquals(s.get("academicSessions").active(), files.get("academicSessions.csv").size() - 1);
        assertEquals(s.get("courses").active(), files.get("courses.csv").size() - 1);
        assertEquals(s.get("classes").active(), files.get("classes.csv").size() - 1);
        assertEquals(s.get("users").active(), files.get("users.csv").size() - 1);
        assertEquals(s.get("enrollments").active(), files.get("enrollments.csv").size() - 1);
        assertTrue(s.get("enrollments").tobedeleted() > 0, "the dropped students' enrollments are absent from the bulk file");
        sis.roster().reset();
    }

    @Test
    void theOneRoster12ZipAddsRolesAndUserProfiles() throws IOException {
        Map<String, List<String>> files = download("/csv/oneroster-v1p2.zip");
        assertTrue(files.get("manifest.csv").contains("oneroster.version,1.2"));
        Summary s = sis.expectedSummary();
        assertEquals(s.get("users").active(), files.get("roles.csv").size() - 1);
        assertEquals(s.get("users").active(), files.get("userProfiles.csv").size() - 1);
        assertTrue(files.get("users.csv").get(0).contains("primaryOrgSourcedId"));
        assertTrue(files.get("roles.csv").get(1).contains(",primary,student,"));
    }

    @Test
    void theCommandLineWritesTheZipToAFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("roster.zip");
        Main.main(new String[] {"--students", "1800", "--seed", "5", "--write-csv", out.toString()});
        Map<String, List<String>> files;
        try (InputStream in = Files.newInputStream(out)) {
            files = unzip(in);
        }
        Map<String, List<String>> served = download("/csv/oneroster-v1p1.zip");
        assertEquals(served.get("users.csv"), files.get("users.csv"));
        assertEquals(served.get("enrollments.csv").size(), files.get("enrollments.csv").size());
    }

    @Test
    void aResetFaultCutsTheZipDownload() {
        sis.faults().resetBurst.set(1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sis.baseUrl() + "/csv/oneroster-v1p1.zip")).build();
        assertThrowsIo(() -> client.http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        sis.faults().clear();
    }

    interface Call {
        void run() throws Exception;
    }

    static void assertThrowsIo(Call call) {
        try {
            call.run();
        } catch (IOException expected) {
            return;
        } catch (Exception e) {
            throw new AssertionError("expected an IOException, got " + e, e);
        }
        throw new AssertionError("expected the download to fail");
    }
}
