package io.rosterline.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** Where things live in the repository and in the developer's cache. */
public record RepoLayout(Path root) {

    public static final String REALM_FILE = "dev/keycloak/rosterline-realm.json";

    /** The repository root: -Drosterline.repo, else the nearest folder upwards holding the realm file. */
    public static RepoLayout locate() {
        String configured = System.getProperty("rosterline.repo");
        if (configured != null) {
            return new RepoLayout(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(REALM_FILE)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return new RepoLayout(dir);
            }
        }
        throw new StackStartException("Run this from inside the Rosterline repository (no " + REALM_FILE
                + " found above " + Path.of("").toAbsolutePath() + "), or pass -Drosterline.repo=<path>.");
    }

    public Path realmFile() {
        return root.resolve(REALM_FILE);
    }

    public Path rosterApiJar() {
        return root.resolve("roster-api/target/quarkus-app/quarkus-run.jar");
    }

    public Path syncWorkerJar() {
        return root.resolve("sync-worker/target/quarkus-app/quarkus-run.jar");
    }

    /** sis-sandbox's runnable jar: target/sis-sandbox.jar, or the shaded target/sis-sandbox-<version>-all.jar. */
    public Optional<Path> sandboxJar() {
        Path target = root.resolve("sis-sandbox/target");
        Path plain = target.resolve("sis-sandbox.jar");
        if (Files.isRegularFile(plain)) {
            return Optional.of(plain);
        }
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("sis-sandbox-.*-all\\.jar")).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path webUi() {
        return root.resolve("web-ui");
    }

    /** ~/.cache/rosterline unless ROSTERLINE_CACHE says otherwise: the unpacked Keycloak lives here. */
    public static Path cacheRoot() {
        String configured = System.getenv("ROSTERLINE_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "rosterline");
    }

    public static String keycloakVersion() {
        return buildProperties().getProperty("keycloak.version");
    }

    /**
     * The Keycloak zip in the local Maven repository: -Drosterline.keycloak.zip, else the path Maven wrote at
     * build time, else the default local-repository location.
     */
    public static Path keycloakZip() {
        String configured = System.getProperty("rosterline.keycloak.zip");
        if (configured != null) {
            return Path.of(configured);
        }
        String built = buildProperties().getProperty("keycloak.dist.zip");
        if (built != null && !built.startsWith("${") && Files.isRegularFile(Path.of(built))) {
            return Path.of(built);
        }
        String version = keycloakVersion();
        return Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "keycloak",
                "keycloak-quarkus-dist", version, "keycloak-quarkus-dist-" + version + ".zip");
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = RepoLayout.class.getResourceAsStream("/devstack.properties")) {
            if (in == null) {
                throw new IllegalStateException("devstack.properties missing from the dev-stack jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
