package io.rosterline.sync.engine;

import io.rosterline.sis.SpooledFileReader;
import io.rosterline.sis.RosterReader;
import io.rosterline.sis.RosterReaders;
import io.rosterline.sis.SourceConfig;
import io.rosterline.sis.SourceKind;
import io.rosterline.sis.csv.OneRosterCsvReader;
import io.rosterline.sis.http.HttpSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A connector for a run's source. REST settings are {@link SourceConfig.Keys}: base-url, auth (oauth2 | oauth1),
 * client-id, client-secret, token-url (OAuth 2; default base origin + /oauth/token, PowerSchool /oauth/access_token),
 * scope, page-size, oauth1-signature-method, oauth2-client-auth.
 * OneRoster CSV: the zip is fetched from roster-api (the run's upload), spooled to a temporary file, checked against
 * settings sha256 and size-bytes, and read from there; the file is deleted when the reader closes.
 */
final class SourceReaders {

    private SourceReaders() {
    }

    static RosterReader open(String platform, Map<String, String> settings, Supplier<InputStream> archive) {
        return switch (platform) {
            case "ONEROSTER_API" -> rest(SourceKind.ONEROSTER_REST, settings);
            case "ONEROSTER_12_API" -> rest(SourceKind.ONEROSTER12_REST, settings);
            case "POWERSCHOOL" -> rest(SourceKind.POWERSCHOOL, settings);
            case "ONEROSTER_CSV", "ONEROSTER_12_CSV" -> csv(settings, archive);
            default -> throw new UnsupportedSource("This worker cannot read " + platform + " sources.");
        };
    }

    /** The connector library's own factory reads the settings roster-api sends (keys in {@link SourceConfig.Keys}). */
    private static RosterReader rest(SourceKind kind, Map<String, String> settings) {
        require(settings, SourceConfig.Keys.BASE_URL);
        require(settings, SourceConfig.Keys.CLIENT_ID);
        require(settings, SourceConfig.Keys.CLIENT_SECRET);
        try {
            return RosterReaders.open(SourceConfig.fromSettings(kind, settings, HttpSettings.defaults()));
        } catch (IllegalArgumentException e) {
            throw new UnsupportedSource(e.getMessage());
        }
    }

    private static RosterReader csv(Map<String, String> settings, Supplier<InputStream> archive) {
        Path file;
        try {
            file = Files.createTempFile("rosterline-source-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException("No room for the source file in the temporary directory: " + e.getMessage(), e);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = new DigestInputStream(archive.get(), sha256); OutputStream out = Files.newOutputStream(file)) {
                size = in.transferTo(out);
            }
            String expectedSize = settings.get("size-bytes");
            if (expectedSize != null && Long.parseLong(expectedSize) != size) {
                throw new IllegalStateException("The uploaded file arrived incomplete (" + size + " of " + expectedSize
                        + " bytes); the run will be retried.");
            }
            String expectedHash = settings.get("sha256");
            if (expectedHash != null && !expectedHash.equalsIgnoreCase(HexFormat.of().formatHex(sha256.digest()))) {
                throw new IllegalStateException("The uploaded file arrived damaged (its SHA-256 does not match); the run will be retried.");
            }
            return new SpooledFileReader(OneRosterCsvReader.open(file), file);
        } catch (IOException e) {
            SpooledFileReader.delete(file);
            throw new UncheckedIOException("Fetching the uploaded file from roster-api broke: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            SpooledFileReader.delete(file);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            SpooledFileReader.delete(file);
            throw e;
        }
    }

    private static String require(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            throw new UnsupportedSource("The connection settings lack '" + key + "'.");
        }
        return value;
    }

    static final class UnsupportedSource extends RuntimeException {
        UnsupportedSource(String message) {
            super(message);
        }
    }
}
