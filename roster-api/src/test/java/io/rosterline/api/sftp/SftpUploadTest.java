package io.rosterline.api.sftp;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import io.rosterline.sandbox.SandboxSis;
import jakarta.inject.Inject;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SFTP uploads with a real SFTP client (Apache MINA SftpClient): accounts, confinement, checks, storage, pruning. */
@QuarkusTest
class SftpUploadTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static SshClient ssh;

    @Inject
    SftpServer server;
    @Inject
    UploadService uploads;
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void startClient() {
        ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
    }

    @AfterAll
    static void stopClient() {
        ssh.stop();
    }

    /** A CSV district with an SFTP account and a generated password. */
    record Account(UUID district, String username, String password) {
    }

    static Account csvDistrict(String name) {
        UUID district = Districts.fresh(name);
        as(Tokens.support()).body(Map.of("platform", "ONEROSTER_CSV")).put("/api/v1/districts/" + district).then().statusCode(200);
        as(Tokens.districtAdmin(district)).body(Map.of("enabled", true)).put("/api/v1/districts/" + district + "/sftp")
                .then().statusCode(200).body("configured", equalTo(true)).body("passwordSet", equalTo(false));
        JsonPath result = as(Tokens.districtAdmin(district)).body("{}").post("/api/v1/districts/" + district + "/sftp/password")
                .then().statusCode(200).body("passwordSet", equalTo(true)).extract().jsonPath();
        String password = result.getString("generatedPassword");
        assertTrue(password.length() >= 20);
        return new Account(district, result.getString("username"), password);
    }

    ClientSession login(String username, String password) throws IOException {
        ClientSession session = ssh.connect(username, "127.0.0.1", server.boundPort()).verify(WAIT).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(WAIT);
        return session;
    }

    ClientSession login(String username, KeyPair key) throws IOException {
        ClientSession session = ssh.connect(username, "127.0.0.1", server.boundPort()).verify(WAIT).getSession();
        session.addPublicKeyIdentity(key);
        session.auth().verify(WAIT);
        return session;
    }

    static void put(SftpClient sftp, Path local, String remote) throws IOException {
        try (OutputStream out = sftp.write(remote)) {
            Files.copy(local, out);
        }
    }

    static JsonPath newestUpload(UUID district) {
        return as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/uploads?size=1")
                .then().statusCode(200).extract().jsonPath();
    }

    /** ../shared/interop seen from the repository root (or any folder above it). */
    static Path interop() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/interop/moodle-enrol_oneroster");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        // A checkout without shared/ beside it: say so and abort, as the connectors' interop tests do, instead of failing.
        return org.junit.jupiter.api.Assumptions.abort("This test uploads the third-party OneRoster data in shared/interop, which is not in "
                + Path.of("").toAbsolutePath() + " or any folder above it (see shared/interop/SOURCES.md).");
    }

    /** Data rows of one CSV inside a zip, counted independently of the connector (non-empty lines minus the header). */
    static long dataRows(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry entry = z.stream().filter(e -> e.getName().equalsIgnoreCase(name)).findFirst().orElseThrow();
            String text = new String(z.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank()).count() - 1;
        }
    }

    @Test
    void given_a_csv_district_when_it_uploads_the_interop_zips_with_its_password_then_each_is_listed_accepted_with_counts() throws Exception {
        Account account = csvDistrict("Interop CSV SD");
        as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/sftp").then()
                .body("port", equalTo(server.boundPort()))
                .body("username", equalTo(account.username()))
                .body("passwordSet", equalTo(true))
                .body("$", not(hasKey("password")));
        List<Path> zips;
        try (Stream<Path> files = Files.list(interop())) {
            zips = files.filter(p -> p.toString().endsWith(".zip")).sorted().toList();
        }
        assertEquals(4, zips.size(), "the four interop zips");
        try (ClientSession session = login(account.username(), account.password());
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            for (Path zip : zips) {
                put(sftp, zip, zip.getFileName().toString());
                JsonPath upload = newestUpload(account.district());
                assertEquals(zip.getFileName().toString(), upload.getString("items[0].filename"));
                assertEquals("ACCEPTED", upload.getString("items[0].status"), () -> zip + ": " + upload.prettify());
                assertEquals(Files.size(zip), upload.getLong("items[0].sizeBytes"));
                assertEquals(dataRows(zip, "users.csv"), upload.getLong("items[0].counts.users"), zip + " users");
                assertEquals(dataRows(zip, "orgs.csv"), upload.getLong("items[0].counts.orgs"), zip + " orgs");
            }
        }
        as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/uploads")
                .then().body("total", equalTo(4));
        as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/checklist").then()
                .body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("DONE"));
    }

    @Test
    void given_an_ssh_key_on_the_account_a_sandbox_generated_zip_uploads_and_the_sync_can_read_it_back() throws Exception {
        Account account = csvDistrict("Key Login SD");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        String line = PublicKeyEntry.toString(key.getPublic()) + " export@key-login-sd";
        String keyId = as(Tokens.districtAdmin(account.district())).body(Map.of("publicKey", line))
                .post("/api/v1/districts/" + account.district() + "/sftp/keys")
                .then().statusCode(201).body("fingerprint", equalTo(KeyUtils.getFingerPrint(key.getPublic())))
                .body("comment", equalTo("export@key-login-sd")).extract().path("id");

        Path zip = Files.createTempFile("sandbox-oneroster", ".zip");
        SandboxSis sis = SandboxSis.start(SandboxSis.Config.defaults().students(400));
        try {
            sis.writeCsvZip(zip, false);
        } finally {
            sis.stop();
        }
        try (ClientSession session = login(account.username(), key);
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            put(sftp, zip, "sandbox.zip");
        }
        JsonPath upload = newestUpload(account.district());
        assertEquals("ACCEPTED", upload.getString("items[0].status"), upload::prettify);
        assertEquals(dataRows(zip, "users.csv"), upload.getLong("items[0].counts.users"));
        assertEquals(dataRows(zip, "enrollments.csv"), upload.getLong("items[0].counts.enrollments"));

        // The sync pipeline reads the newest accepted upload, byte for byte.
        try (InputStream in = uploads.latestAcceptedUpload(account.district())) {
            assertArrayEquals(sha256(Files.readAllBytes(zip)), sha256(in.readAllBytes()));
        }

        // A removed key no longer logs in.
        as(Tokens.districtAdmin(account.district())).delete("/api/v1/districts/" + account.district() + "/sftp/keys/" + keyId)
                .then().statusCode(204);
        assertThrows(IOException.class, () -> login(account.username(), key).close());
        Files.deleteIfExists(zip);
    }

    @Test
    void malformed_zips_are_rejected_with_the_reason() throws Exception {
        Account account = csvDistrict("Broken Zips SD");
        Path notZip = Files.writeString(Files.createTempFile("not-a", ".zip"), "this is not a zip file");
        Path traversal = zip(Map.of("manifest.csv", manifest(), "../../etc/users.csv", "sourcedId\n1\n"));
        Path latin1 = Files.createTempFile("latin1", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(latin1))) {
            entry(out, "manifest.csv", manifest().getBytes(StandardCharsets.UTF_8));
            entry(out, "orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no1,,,Jos\u00e9 School,school,,\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        Path noManifest = zip(Map.of("users.csv", "sourcedId\n1\n"));
        Path csv = Files.writeString(Files.createTempFile("users", ".csv"), "sourcedId\n1\n");
        try (ClientSession session = login(account.username(), account.password());
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            put(sftp, notZip, "broken.zip");
            assertRejected(account.district(), "broken.zip", "not a readable zip");
            put(sftp, traversal, "traversal.zip");
            assertRejected(account.district(), "traversal.zip", "path traversal");
            put(sftp, latin1, "latin1.zip");
            assertRejected(account.district(), "latin1.zip", "UTF-8");
            put(sftp, noManifest, "nomanifest.zip");
            assertRejected(account.district(), "nomanifest.zip", "manifest.csv");
            put(sftp, csv, "users.csv");
            assertRejected(account.district(), "users.csv", ".zip");
        }
        as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/checklist").then()
                .body("steps.find { it.key == 'CREDENTIALS' }.state", equalTo("NEEDS_ATTENTION"));
        String id = newestUpload(account.district()).getString("items[0].id");
        as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/uploads/" + id)
                .then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void an_upload_over_the_size_limit_is_refused_while_it_is_written() throws Exception {
        Account account = csvDistrict("Big Upload SD");
        byte[] chunk = new byte[1024 * 1024];
        IOException refused = assertThrows(IOException.class, () -> {
            try (ClientSession session = login(account.username(), account.password());
                 SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                 OutputStream out = sftp.write("huge.zip")) {
                for (int i = 0; i < 6; i++) {
                    out.write(chunk);
                }
            }
        });
        assertTrue(refused.getMessage() == null || !refused.getMessage().contains("Exception"), String.valueOf(refused));
        as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/uploads")
                .then().body("total", equalTo(0));
    }

    @Test
    void a_district_cannot_leave_its_folder_nor_see_another_districts_files() throws Exception {
        Account first = csvDistrict("Folder One SD");
        Account second = csvDistrict("Folder Two SD");
        try (ClientSession session = login(second.username(), second.password());
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            sftp.mkdir("/second-only");
        }
        try (ClientSession session = login(first.username(), first.password());
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            sftp.mkdir("/first-only");
            assertEquals("/", sftp.canonicalPath(".."));
            assertEquals("/", sftp.canonicalPath("/../../.."));
            assertEquals(names(sftp, "/"), names(sftp, "/../.."), "'..' above the root is the root");
            assertTrue(names(sftp, "/").contains("first-only"));
            assertFalse(names(sftp, "/").contains("second-only"));
            // The real layout puts districts side by side; that path still resolves inside the first district's root.
            assertThrows(SftpException.class, () -> sftp.stat("/../" + second.district() + "/second-only"));
            assertThrows(SftpException.class, () -> sftp.stat("../" + second.district()));
            assertThrows(SftpException.class, () -> sftp.stat("/etc/passwd"));
            assertThrows(IOException.class, () -> sftp.symLink("/link", "/../../../../etc"));
            assertThrows(IOException.class, () -> sftp.symLink("/link2", "/first-only"));
        }
        try (ClientSession session = login(second.username(), second.password());
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            assertFalse(names(sftp, "/").contains("first-only"));
        }
    }

    @Test
    void a_wrong_password_or_an_unknown_user_is_refused_and_a_disabled_account_cannot_log_in() throws Exception {
        Account account = csvDistrict("Wrong Password SD");
        assertThrows(IOException.class, () -> login(account.username(), "not-the-password-at-all").close());
        assertThrows(IOException.class, () -> login("nobody-" + UUID.randomUUID(), account.password()).close());
        login(account.username(), account.password()).close();
        as(Tokens.districtAdmin(account.district())).body(Map.of("enabled", false)).put("/api/v1/districts/" + account.district() + "/sftp")
                .then().statusCode(200).body("enabled", equalTo(false));
        assertThrows(IOException.class, () -> login(account.username(), account.password()).close());
    }

    @Test
    void bad_sftp_input_names_the_field_and_changes_nothing() {
        Account account = csvDistrict("Bad SFTP Input SD");
        String before = as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/sftp").asString();
        as(Tokens.districtAdmin(account.district())).body(Map.of("password", "short"))
                .post("/api/v1/districts/" + account.district() + "/sftp/password")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("password"));
        as(Tokens.districtAdmin(account.district())).body(Map.of("publicKey", "ssh-rsa not-a-key"))
                .post("/api/v1/districts/" + account.district() + "/sftp/keys")
                .then().statusCode(400).body("errors[0].field", equalTo("publicKey"));
        as(Tokens.districtAdmin(account.district())).body(Map.of("publicKey", "-----BEGIN OPENSSH PRIVATE KEY-----"))
                .post("/api/v1/districts/" + account.district() + "/sftp/keys")
                .then().statusCode(400).body("errors[0].field", equalTo("publicKey"))
                .body("errors[0].message", containsString("never the private key"));
        as(Tokens.districtAdmin(account.district())).body(Map.of("enabled", "maybe"))
                .put("/api/v1/districts/" + account.district() + "/sftp")
                .then().statusCode(400).body("errors[0].field", equalTo("enabled"));
        String after = as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/sftp").asString();
        assertEquals(before, after);
        // The old password still works: nothing was changed.
        assertTrue(PasswordHasher.verify(account.password(), storedHash(account.district())));
    }

    @Test
    void the_password_is_stored_as_a_salted_hash_only() throws Exception {
        Account account = csvDistrict("Hash SD");
        String hash = storedHash(account.district());
        assertFalse(hash.contains(account.password()));
        assertTrue(hash.startsWith("pbkdf2-sha512$"));
        as(Tokens.districtAdmin(account.district())).body(Map.of("password", "chosen-by-the-admin-1"))
                .post("/api/v1/districts/" + account.district() + "/sftp/password")
                .then().statusCode(200).body("$", not(hasKey("password"))).body("generatedPassword", equalTo(null));
        String second = storedHash(account.district());
        assertTrue(PasswordHasher.verify("chosen-by-the-admin-1", second));
        assertFalse(PasswordHasher.verify(account.password(), second));
    }

    @Test
    void old_uploads_are_pruned_but_the_newest_accepted_one_is_kept() throws Exception {
        Account account = csvDistrict("Prune SD");
        Path good = interop().resolve("Test_minimal_data_set.zip");
        Path bad = Files.writeString(Files.createTempFile("bad", ".zip"), "nope");
        uploads.ingest(account.district(), "good.zip", good, "test");
        for (int i = 0; i < 12; i++) {
            uploads.ingest(account.district(), "bad-" + i + ".zip", bad, "test");
        }
        List<Long> oids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement age = c.prepareStatement("UPDATE csv_upload SET uploaded_at = now() - interval '60 days' "
                     + "- (interval '1 minute' * (SELECT count(*) FROM csv_upload o WHERE o.district_id = csv_upload.district_id "
                     + "AND o.uploaded_at > csv_upload.uploaded_at)) WHERE district_id = ?");
             PreparedStatement list = c.prepareStatement("SELECT content_oid FROM csv_upload WHERE district_id = ?")) {
            age.setObject(1, account.district());
            age.executeUpdate();
            list.setObject(1, account.district());
            try (var rs = list.executeQuery()) {
                while (rs.next()) {
                    oids.add(rs.getLong(1));
                }
            }
        }
        assertEquals(13, oids.size());
        uploads.prune();
        JsonPath all = as(Tokens.districtAdmin(account.district())).get("/api/v1/districts/" + account.district() + "/uploads?size=100")
                .then().extract().jsonPath();
        assertEquals(11, all.getInt("total"), "the newest 10 plus the newest accepted one");
        assertTrue(all.getList("items.filename").contains("good.zip"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_largeobject_metadata WHERE oid = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("oid", oids.toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertEquals(11, rs.getInt(1), "pruned uploads' large objects are gone");
            }
        }
    }

    private String storedHash(UUID district) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM sftp_account WHERE district_id = ?")) {
            ps.setObject(1, district);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRejected(UUID district, String filename, String reasonPart) {
        JsonPath upload = newestUpload(district);
        assertEquals(filename, upload.getString("items[0].filename"));
        assertEquals("REJECTED", upload.getString("items[0].status"), upload::prettify);
        assertTrue(upload.getString("items[0].reason").contains(reasonPart), upload.getString("items[0].reason"));
    }

    private static List<String> names(SftpClient sftp, String dir) throws IOException {
        List<String> names = new ArrayList<>();
        for (SftpClient.DirEntry e : sftp.readDir(dir)) {
            if (!e.getFilename().equals(".") && !e.getFilename().equals("..")) {
                names.add(e.getFilename());
            }
        }
        names.sort(String::compareTo);
        return names;
    }

    private static String manifest() {
        return "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n";
    }

    private static Path zip(Map<String, String> entries) throws IOException {
        Path zip = Files.createTempFile("crafted", ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                entry(out, e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return zip;
    }

    private static void entry(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
