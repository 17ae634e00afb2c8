package io.rosterline.api.support;

import io.quarkus.arc.Arc;
import io.rosterline.api.sftp.SftpServer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

/** Given-steps for OneRoster CSV districts: an SFTP account, and uploads with a real SFTP client (Apache MINA's). */
public final class SftpUploads {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private SftpUploads() {
    }

    /** The district's SFTP login. */
    public record Login(String username, String password) {
    }

    /** The admin enables the SFTP account and sets this password. */
    public static Login account(UUID district, String password) {
        String admin = Tokens.districtAdmin(district);
        String base = "/api/v1/districts/" + district;
        as(admin).body(Map.of("enabled", true)).put(base + "/sftp").then().statusCode(200);
        String username = as(admin).body(Map.of("password", password)).post(base + "/sftp/password")
                .then().statusCode(200).body("passwordSet", equalTo(true)).extract().path("username");
        return new Login(username, password);
    }

    /** The port the SFTP server inside roster-api listens on. */
    public static int port() {
        return Arc.container().instance(SftpServer.class).get().boundPort();
    }

    /** Uploads a file the way a district's SIS export job does: log in with the password, write, close. */
    public static void upload(Login login, Path file, String remoteName) {
        SshClient ssh = SshClient.setUpDefaultClient();
        ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        ssh.start();
        try (ClientSession session = ssh.connect(login.username(), "127.0.0.1", port()).verify(WAIT).getSession()) {
            session.addPasswordIdentity(login.password());
            session.auth().verify(WAIT);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                 OutputStream out = sftp.write(remoteName)) {
                Files.copy(file, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the SFTP upload failed", e);
        } finally {
            ssh.stop();
        }
    }

    /** Uploads the sandbox SIS's current OneRoster 1.1 CSV export (what its nightly export job would send). */
    public static void uploadExport(io.rosterline.sandbox.SandboxSis sis, Login login, String remoteName) {
        Path zip = null;
        try {
            zip = Files.createTempFile("sandbox-export", ".zip");
            sis.writeCsvZip(zip, false);
            upload(login, zip, remoteName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (zip != null) {
                try {
                    Files.deleteIfExists(zip);
                } catch (IOException ignored) {
                    // temporary file
                }
            }
        }
    }
}
