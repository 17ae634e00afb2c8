package io.rosterline.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak ({@code kc.sh start-dev}) with the rosterline realm imported.
 *
 * <p>The distribution zip is unpacked once into the cache. Each server gets its own small home directory
 * (its own conf, lib/quarkus and data, with the read-only jars linked from the cache), so several servers
 * (a local run and a test run, or two builds) never write into each other's files. The in-memory H2 database
 * ({@code --db=dev-mem}) makes every start import the realm file afresh, so the realm always matches the repo.
 * Keycloak re-augments on the first start with these options (~25 s); the result is saved in the cache so later
 * starts skip it.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "rosterline";
    /** Local-only bootstrap admin of the master realm; never used outside a developer's machine. */
    public static final String LOCAL_ADMIN_USER = "admin";
    public static final String LOCAL_ADMIN_PASSWORD = "admin";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final ManagedProcess process;
    private final int port;

    private KeycloakServer(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server and returns at once; call {@link #awaitReady()} before using it. */
    public static KeycloakServer launch(Path distZip, String version, Path cacheRoot, Path instanceHome,
                                        Path realmFile, int port) {
        Path dist = unpackOnce(distZip, version, cacheRoot);
        Path augmented = cacheRoot.resolve("keycloak-" + version + "-augmented-dev-mem");
        prepareInstanceHome(dist, augmented, instanceHome, realmFile);
        List<String> command = List.of(instanceHome.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--db=dev-mem", "--import-realm");
        Map<String, String> environment = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", LOCAL_ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", LOCAL_ADMIN_PASSWORD,
                // A small heap: the machine is shared by several builds; the demo realm is tiny.
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        ManagedProcess process = ManagedProcess.start("keycloak", command, environment, instanceHome,
                instanceHome.resolve("keycloak.log"));
        return new KeycloakServer(process, port);
    }

    public void awaitReady() {
        Readiness.awaitHttpOk(process, URI.create(realmUrl() + "/.well-known/openid-configuration"), READY_TIMEOUT);
    }

    /** Saves this instance's augmented lib/quarkus for the next start (no-op once saved). */
    void rememberAugmentation(Path cacheRoot, String version, Path instanceHome) {
        Path augmented = cacheRoot.resolve("keycloak-" + version + "-augmented-dev-mem");
        if (Files.isDirectory(augmented)) {
            return;
        }
        withCacheLock(cacheRoot, () -> {
            if (!Files.isDirectory(augmented)) {
                Path staging = cacheRoot.resolve(augmented.getFileName() + ".tmp-" + ProcessHandle.current().pid());
                copyTree(instanceHome.resolve("lib/quarkus"), staging);
                Files.move(staging, augmented, StandardCopyOption.ATOMIC_MOVE);
            }
        });
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    private static Path unpackOnce(Path distZip, String version, Path cacheRoot) {
        Path dist = cacheRoot.resolve("keycloak-" + version);
        if (Files.isRegularFile(dist.resolve("bin/kc.sh"))) {
            return dist;
        }
        if (distZip == null || !Files.isRegularFile(distZip)) {
            throw new StackStartException("The Keycloak distribution zip was not found (" + distZip + "). Build once with "
                    + "`./mvnw -q -B -pl dev-stack -am package -DskipTests` so Maven downloads "
                    + "org.keycloak:keycloak-quarkus-dist:" + version + ":zip.");
        }
        withCacheLock(cacheRoot, () -> {
            if (Files.isRegularFile(dist.resolve("bin/kc.sh"))) {
                return;
            }
            Path staging = cacheRoot.resolve("keycloak-" + version + ".tmp-" + ProcessHandle.current().pid());
            deleteTree(staging);
            unzip(distZip, staging);
            // The zip holds one top folder, keycloak-<version>/.
            try (Stream<Path> top = Files.list(staging)) {
                Path root = top.filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new IOException("empty Keycloak zip " + distZip));
                Files.move(root, dist, StandardCopyOption.ATOMIC_MOVE);
            }
            deleteTree(staging);
        });
        return dist;
    }

    private static void prepareInstanceHome(Path dist, Path augmented, Path home, Path realmFile) {
        try {
            deleteTree(home);
            Files.createDirectories(home.resolve("bin"));
            Files.createDirectories(home.resolve("lib"));
            Files.createDirectories(home.resolve("providers"));
            Files.createDirectories(home.resolve("themes"));
            Files.createDirectories(home.resolve("data/import"));
            Path kcSh = home.resolve("bin/kc.sh");
            Files.copy(dist.resolve("bin/kc.sh"), kcSh);
            Files.setPosixFilePermissions(kcSh, PosixFilePermissions.fromString("rwxr-xr-x"));
            copyTree(dist.resolve("conf"), home.resolve("conf"));
            // Jars are only read: link them. lib/quarkus is rewritten by augmentation: copy it.
            Files.createSymbolicLink(home.resolve("lib/lib"), dist.resolve("lib/lib"));
            Files.createSymbolicLink(home.resolve("lib/app"), dist.resolve("lib/app"));
            Files.copy(dist.resolve("lib/quarkus-run.jar"), home.resolve("lib/quarkus-run.jar"));
            copyTree(Files.isDirectory(augmented) ? augmented : dist.resolve("lib/quarkus"), home.resolve("lib/quarkus"));
            Files.copy(realmFile, home.resolve("data/import/rosterline-realm.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Keycloak home " + home + ": " + e.getMessage(), e);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Serialises cache writes between processes (two builds may start Keycloak at the same moment). */
    private static void withCacheLock(Path cacheRoot, IoAction action) {
        try {
            Files.createDirectories(cacheRoot);
            try (FileChannel channel = FileChannel.open(cacheRoot.resolve("keycloak.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak cache " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Zip entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copyStream(in, out);
                    if (out.getFileName().toString().endsWith(".sh")) {
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    private static void copyStream(InputStream in, Path out) throws IOException {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    }

    static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    try {
                        Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (FileAlreadyExistsException e) {
                        Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walk() does not follow symbolic links, so the linked cache jars are never deleted.
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
