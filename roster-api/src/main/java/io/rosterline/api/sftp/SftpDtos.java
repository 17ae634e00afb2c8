package io.rosterline.api.sftp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The SFTP account resource. The password is write-only. */
public final class SftpDtos {

    private SftpDtos() {
    }

    @Schema(name = "SftpKey", description = "An SSH public key that may log in.", example = """
            {"id":"0b6e6e1a-0000-4000-8000-000000000001","type":"ssh-ed25519","fingerprint":"SHA256:Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0",
             "comment":"sis-export@harbor","addedAt":"2026-11-23T18:00:00Z"}""")
    public record KeyView(UUID id, String type, String fingerprint, String comment, Instant addedAt) {
    }

    @Schema(name = "SftpAccount", description = "Where and how the district uploads OneRoster CSV zips. The password is never "
            + "returned; passwordSet says whether one is set.", example = """
            {"districtId":"d1000000-0000-4000-8000-000000000001","configured":true,"host":"sftp.rosterline.io","port":2222,
             "username":"harbor-unified","enabled":true,"passwordSet":true,"passwordSetAt":"2026-11-23T18:00:00Z",
             "hostKeyFingerprint":"SHA256:3q2+7w...","publicKeys":[{"id":"0b6e6e1a-0000-4000-8000-000000000001",
             "type":"ssh-ed25519","fingerprint":"SHA256:Zm9v...","comment":"sis-export@harbor","addedAt":"2026-11-23T18:00:00Z"}]}""")
    public record AccountView(UUID districtId, boolean configured, String host, int port, String username, boolean enabled,
                              boolean passwordSet, Instant passwordSetAt, String hostKeyFingerprint, List<KeyView> publicKeys) {
    }

    @Schema(name = "SftpAccountUpdate", description = "Creates the account if needed; enabled=false stops all logins.",
            example = "{\"enabled\":true}")
    public record AccountUpdate(@NotNull(message = "say whether the account may log in (true or false)") Boolean enabled) {
    }

    @Schema(name = "SftpPasswordChange", description = "Leave password out to have a strong one generated; it is shown once.",
            example = "{\"password\":null}")
    public record PasswordChange(
            @Size(min = 12, max = 128, message = "use 12 to 128 characters") String password) {

        @Override
        public String toString() {
            return "PasswordChange[" + (password == null ? "generate" : "set") + "]";
        }
    }

    @Schema(name = "SftpPasswordResult", description = "generatedPassword is only present when Rosterline generated it, and "
            + "only in this response: store it now.",
            example = "{\"username\":\"harbor-unified\",\"passwordSet\":true,\"generatedPassword\":\"k7PqR2xWmZ4tYb9cVn3sHd8e\"}")
    public record PasswordResult(String username, boolean passwordSet, String generatedPassword) {
    }

    @Schema(name = "SftpKeyAdd", description = "One public key in OpenSSH format (a line of authorized_keys).",
            example = "{\"publicKey\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGcFvN9wG4g8... sis-export@harbor\"}")
    public record KeyAdd(@NotBlank(message = "paste the public key, for example the contents of id_ed25519.pub")
                         @Size(max = 16384, message = "is too long for a public key") String publicKey) {
    }
}
