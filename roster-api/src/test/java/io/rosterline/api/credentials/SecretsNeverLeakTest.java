package io.rosterline.api.credentials;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.sftp.SftpServer;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import io.rosterline.sandbox.SandboxSis;
import jakarta.inject.Inject;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.rosterline.api.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks the whole CREDENTIALS step (save, fail, fix, re-check, audit, checklist, SFTP password and upload) while
 * capturing every log line at every level, and checks that neither the client secret nor the SFTP password appears
 * in any log line or any response.
 */
@QuarkusTest
class SecretsNeverLeakTest {

    @Inject
    SftpServer sftpServer;

    /** Captures every record the application logs, formatted with its parameters and stack trace. */
    static final class Capture extends Handler {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " ");
            if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
                line.append(ext.getFormattedMessage());
            } else {
                line.append(new java.util.logging.SimpleFormatter().formatMessage(record));
            }
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    line.append(' ').append(p);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void the_client_secret_and_the_sftp_password_appear_in_no_log_line_and_no_response() throws Exception {
        String secret = "Leak-Canary-" + UUID.randomUUID();
        String sftpPassword = "Sftp-Canary-" + UUID.randomUUID();
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        List<String> responses = new ArrayList<>();
        SandboxSis sis = SandboxSis.start(SandboxSis.Config.defaults().students(300).credentials("leak-client", secret));
        try {
            UUID district = Districts.fresh("Leak Check SD");
            String admin = Tokens.districtAdmin(district);
            String base = "/api/v1/districts/" + district;
            Map<String, Object> body = new HashMap<>();
            body.put("baseUrl", sis.oneRoster11Url());
            body.put("clientId", sis.clientId());
            body.put("clientSecret", secret + "-wrong");
            body.put("authMethod", "DETECT");
            body.put("tokenUrl", sis.tokenUrl());
            responses.add(record(as(admin).body(body).put(base + "/credentials"), 200));
            body.put("clientSecret", secret);
            responses.add(record(as(admin).body(body).put(base + "/credentials"), 200));
            body.put("baseUrl", "not a url");
            responses.add(record(as(admin).body(body).put(base + "/credentials"), 400));
            responses.add(record(as(admin).post(base + "/credentials/validate"), 200));
            responses.add(record(as(admin).get(base + "/credentials"), 200));
            responses.add(record(as(admin).get(base + "/checklist"), 200));
            responses.add(record(as(admin).get(base + "/audit"), 200));
            assertTrue(responses.get(1).contains("\"VALID\""), responses.get(1));

            responses.add(record(as(admin).body(Map.of("enabled", true)).put(base + "/sftp"), 200));
            responses.add(record(as(admin).body(Map.of("password", sftpPassword)).post(base + "/sftp/password"), 200));
            responses.add(record(as(admin).get(base + "/sftp"), 200));
            String username = as(admin).get(base + "/sftp").path("username");
            Path zip = Files.createTempFile("leak", ".zip");
            sis.writeCsvZip(zip, false);
            SshClient ssh = SshClient.setUpDefaultClient();
            ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            ssh.start();
            try {
                try (ClientSession session = ssh.connect(username, "127.0.0.1", sftpServer.boundPort()).verify(Duration.ofSeconds(20)).getSession()) {
                    session.addPasswordIdentity(sftpPassword + "-wrong");
                    assertFalse(session.auth().await(Duration.ofSeconds(20)) && session.isAuthenticated());
                }
                try (ClientSession session = ssh.connect(username, "127.0.0.1", sftpServer.boundPort()).verify(Duration.ofSeconds(20)).getSession()) {
                    session.addPasswordIdentity(sftpPassword);
                    session.auth().verify(Duration.ofSeconds(20));
                    try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                         OutputStream out = sftp.write("export.zip")) {
                        Files.copy(zip, out);
                    }
                }
            } finally {
                ssh.stop();
                Files.deleteIfExists(zip);
            }
            responses.add(record(as(admin).get(base + "/uploads"), 200));
            responses.add(record(as(admin).get(base + "/audit?size=200"), 200));
        } finally {
            root.removeHandler(capture);
            root.setLevel(previous);
            sis.stop();
        }

        assertTrue(capture.lines.size() > 3, "the log was captured: " + capture.lines.size() + " lines");
        assertTrue(capture.lines.stream().anyMatch(l -> l.contains("uploaded export.zip")), "the upload was logged (without secrets)");
        for (String line : capture.lines) {
            assertFalse(line.contains(secret), "client secret in a log line: " + line);
            assertFalse(line.contains(sftpPassword), "SFTP password in a log line: " + line);
        }
        assertEquals(12, responses.size());
        for (String response : responses) {
            assertFalse(response.contains(secret), "client secret in a response: " + response);
            assertFalse(response.contains(sftpPassword), "SFTP password in a response: " + response);
        }
    }

    @Inject
    io.rosterline.api.support.TestClock clock;
    @Inject
    io.rosterline.api.common.SqlRunner sql;
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL api;

    /**
     * The whole checklist walk, twice (a OneRoster API district with the canary as its client secret, a CSV district
     * with the canary as its SFTP password), with every log line of every logger captured (our code and the SFTP
     * server at DEBUG) and every response an admin, integrator or support user received recorded. The only response
     * that carries the client secret is the worker's GET /api/v1/worker/runs/{runId}/source, by design: it hands the
     * credentials to the sync-worker role alone (the denial matrix checks that every other role is refused).
     */
    @Test
    void neither_secret_appears_in_any_log_line_or_any_response_of_the_whole_checklist_walk() {
        String secret = "Walk-Leak-Canary-" + UUID.randomUUID();
        String sftpPassword = "Walk-Sftp-Canary-" + UUID.randomUUID();
        Logger root = Logger.getLogger("");
        Capture capture = new Capture();
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        Map<String, Level> debug = new HashMap<>();
        for (String name : List.of("io.rosterline", "org.apache.sshd")) {
            debug.put(name, Logger.getLogger(name).getLevel());
            Logger.getLogger(name).setLevel(Level.FINE);
        }
        List<String> responses = Collections.synchronizedList(new ArrayList<>());
        List<io.restassured.filter.Filter> filters = new ArrayList<>(io.restassured.RestAssured.filters());
        io.restassured.RestAssured.filters((request, response, context) -> {
            Response r = context.next(request, response);
            responses.add(request.getMethod() + " " + request.getURI() + " -> " + r.statusCode() + "\n" + r.getHeaders() + "\n" + r.asString());
            return r;
        });
        SandboxSis sis = SandboxSis.start(SandboxSis.Config.defaults().students(1200).threads(2).credentials("walk-leak-client", secret));
        try {
            new io.rosterline.api.support.ChecklistWalk(clock, sql, api.toString(), sis).apiDistrict("Leak Walk USD");
            new io.rosterline.api.support.ChecklistWalk(clock, sql, api.toString(), sis).csvDistrict("Leak Walk CSV USD", sftpPassword);
        } finally {
            io.restassured.RestAssured.replaceFiltersWith(filters);
            debug.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
            root.removeHandler(capture);
            clock.reset();
            sis.stop();
        }

        assertTrue(responses.size() > 100, "the walk's responses were recorded: " + responses.size());
        assertTrue(responses.stream().anyMatch(r -> r.contains("/credentials -> 200")), "the credentials responses were recorded");
        assertTrue(capture.lines.stream().anyMatch(l -> l.contains("uploaded oneroster-export.zip")), "the upload was logged");
        assertTrue(capture.lines.stream().anyMatch(l -> l.contains("claimed run")), "the worker's runs were logged");
        for (String line : capture.lines) {
            assertFalse(line.contains(secret), "client secret in a log line: " + line);
            assertFalse(line.contains(sftpPassword), "SFTP password in a log line: " + line);
        }
        for (String response : responses) {
            assertFalse(response.contains(secret), "client secret in a response: " + response);
            assertFalse(response.contains(sftpPassword), "SFTP password in a response: " + response);
        }
    }

    private static String record(Response response, int expectedStatus) {
        assertEquals(expectedStatus, response.statusCode(), response.asString());
        return response.getHeaders().toString() + "\n" + response.asString();
    }
}
