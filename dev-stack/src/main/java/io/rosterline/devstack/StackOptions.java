package io.rosterline.devstack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What to start and where. A port of 0 means "any free port" (system tests); the local run uses the fixed
 * ports of the README.
 *
 * @param workDir               logs and per-run state (Keycloak home) go here
 * @param databaseName          database roster-api uses (created when missing)
 * @param dropDatabaseOnClose   true for throw-away test databases
 * @param embeddedPostgresData  data folder of an embedded PostgreSQL (null: throw-away); unused with the local server
 * @param extraApiProperties    more -D properties for roster-api (a test's knobs)
 */
public record StackOptions(
        RepoLayout repo,
        Path workDir,
        Set<Component> components,
        String databaseName,
        boolean dropDatabaseOnClose,
        Path embeddedPostgresData,
        int postgresPort,
        int keycloakPort,
        int apiPort,
        int sftpPort,
        int sandboxPort,
        int webPort,
        Map<String, String> extraApiProperties) {

    public StackOptions {
        workDir = workDir.toAbsolutePath().normalize();
        components = Set.copyOf(components);
        extraApiProperties = Map.copyOf(extraApiProperties);
    }

    /** The README's local run: everything that is built, on the default ports, data kept between runs. */
    public static StackOptions localRun(RepoLayout repo) {
        return new StackOptions(repo, repo.root().resolve(".run"), EnumSet.allOf(Component.class),
                "rosterline", false, RepoLayout.cacheRoot().resolve("postgres-15-data"),
                5432, 8180, 8080, 2222, 8090, 5173, Map.of());
    }

    /** A system-test stack: Keycloak + roster-api on random ports and a uniquely named throw-away database. */
    public static StackOptions systemTest(RepoLayout repo, Path workDir) {
        String database = "rosterline_st_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new StackOptions(repo, workDir.resolve(database), EnumSet.of(Component.KEYCLOAK, Component.ROSTER_API),
                database, true, null, 0, 0, 0, 0, 0, 0, Map.of());
    }

    public StackOptions withComponents(Set<Component> chosen) {
        return new StackOptions(repo, workDir, chosen, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, webPort, extraApiProperties);
    }

    public StackOptions withoutComponent(Component component) {
        Set<Component> chosen = components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
        chosen.remove(component);
        return withComponents(chosen);
    }

    public StackOptions withPorts(int keycloak, int api) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloak, api, sftpPort, sandboxPort, webPort, extraApiProperties);
    }

    public StackOptions withSandboxPort(int sandbox) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandbox, webPort, extraApiProperties);
    }

    public StackOptions withWebPort(int web) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, web, extraApiProperties);
    }

    public StackOptions withApiProperty(String key, String value) {
        Map<String, String> properties = new HashMap<>(extraApiProperties);
        properties.put(key, value);
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, webPort, properties);
    }

    public boolean has(Component component) {
        return components.contains(component);
    }
}
