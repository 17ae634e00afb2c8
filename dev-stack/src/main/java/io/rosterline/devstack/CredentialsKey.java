package io.rosterline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The AES key roster-api encrypts stored SIS credentials with (ROSTERLINE_CREDENTIALS_KEY, 32 random bytes, base64).
 * A throw-away database gets a throw-away key; the local run's kept database gets a key kept beside it in the
 * developer's cache (owner-only file), so credentials entered yesterday still decrypt today.
 */
final class CredentialsKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CredentialsKey() {
    }

    static String forStack(StackOptions options) {
        if (options.dropDatabaseOnClose()) {
            return fresh();
        }
        return keptIn(RepoLayout.cacheRoot().resolve("local-credentials-key-" + options.databaseName()));
    }

    static String fresh() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static String keptIn(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            String key = fresh();
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the local credentials key in " + file + ": " + e.getMessage(), e);
        }
    }
}
