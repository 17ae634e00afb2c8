package io.rosterline.devstack;

import java.nio.file.Path;
import java.time.LocalDate;
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
 * @param sandboxStudents       size of the sandbox SIS's district (its --students), which then serves the current school
 *                              year; 0 keeps the sandbox's own defaults (2000 students, school year 2027)
 * @param workerPoll            how often the sync-worker daemon asks for work (rosterline.worker.poll), e.g. "5s"
 * @param seedDemoDistrict      after start, bring the demo district Harbor Unified half-way through the checklist
 *                              through the REST API ({@link DemoSeeder})
 * @param strict                every component listed must be built (tests); false: start what is built (local run)
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
        Map<String, String> extraApiProperties,
        int sandboxStudents,
        String workerPoll,
        boolean seedDemoDistrict,
        boolean strict) {

    public StackOptions {
        workDir = workDir.toAbsolutePath().normalize();
        components = Set.copyOf(components);
        extraApiProperties = Map.copyOf(extraApiProperties);
    }

    /** The README's local run: everything that is built, on the default ports, data kept between runs, Harbor seeded. */
    public static StackOptions localRun(RepoLayout repo) {
        return new StackOptions(repo, repo.root().resolve(".run"), EnumSet.allOf(Component.class),
                "rosterline", false, RepoLayout.cacheRoot().resolve("postgres-15-data"),
                5432, 8180, 8080, 2222, 8090, 5173, Map.of(), 2000, "10s", true, false);
    }

    /**
     * The local run as on a fresh clone, for a test of the run command: a throw-away database and free ports for
     * everything but the web UI (the realm lets the SPA sign in from port 5173 only).
     */
    public static StackOptions freshLocalRun(RepoLayout repo) {
        String database = throwAwayDatabaseName();
        StackOptions local = localRun(repo);
        return new StackOptions(repo, repo.root().resolve(".run/fresh").resolve(database), local.components(), database,
                true, null, 0, 0, 0, 0, 0, local.webPort(), Map.of(), local.sandboxStudents(), local.workerPoll(), true, false);
    }

    /** A system-test stack: Keycloak + roster-api on random ports and a uniquely named throw-away database. */
    public static StackOptions systemTest(RepoLayout repo, Path workDir) {
        String database = throwAwayDatabaseName();
        return new StackOptions(repo, workDir.resolve(database), EnumSet.of(Component.KEYCLOAK, Component.ROSTER_API),
                database, true, null, 0, 0, 0, 0, 0, 0, Map.of(), 0, null, false, false);
    }

    /**
     * The browser tests' stack (--ephemeral): Keycloak, roster-api, a small sandbox SIS (a few hundred students, so an
     * import takes seconds) and the sync worker polling every 2 s, all on free ports with a throw-away database.
     * Nothing is seeded beyond roster-api's bare demo districts: the test walks the checklist itself.
     */
    public static StackOptions ephemeral(RepoLayout repo, Path workDir) {
        return systemTest(repo, workDir)
                .withComponents(EnumSet.of(Component.KEYCLOAK, Component.ROSTER_API, Component.SIS_SANDBOX, Component.SYNC_WORKER))
                .withSandboxStudents(300)
                .withWorkerPoll("2s")
                .withStrict(true);
    }

    private static String throwAwayDatabaseName() {
        return "rosterline_st_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * The school year the sandbox SIS serves (its --school-year, the year it ends in): the current one, so that its
     * terms cover today whenever the stack runs (from August 1 on, the new year).
     */
    public static int currentSchoolYear(LocalDate today) {
        return today.getMonthValue() >= 8 ? today.getYear() + 1 : today.getYear();
    }

    public StackOptions withComponents(Set<Component> chosen) {
        return new StackOptions(repo, workDir, chosen, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, webPort, extraApiProperties, sandboxStudents,
                workerPoll, seedDemoDistrict, strict);
    }

    public StackOptions withoutComponent(Component component) {
        Set<Component> chosen = components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
        chosen.remove(component);
        return withComponents(chosen);
    }

    public StackOptions withPorts(int keycloak, int api) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloak, api, sftpPort, sandboxPort, webPort, extraApiProperties, sandboxStudents,
                workerPoll, seedDemoDistrict, strict);
    }

    public StackOptions withSandboxPort(int sandbox) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandbox, webPort, extraApiProperties, sandboxStudents,
                workerPoll, seedDemoDistrict, strict);
    }

    public StackOptions withWebPort(int web) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, web, extraApiProperties, sandboxStudents,
                workerPoll, seedDemoDistrict, strict);
    }

    public StackOptions withSandboxStudents(int students) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, webPort, extraApiProperties, students,
                workerPoll, seedDemoDistrict, strict);
    }

    public StackOptions withWorkerPoll(String poll) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, webPort, extraApiProperties, sandboxStudents,
                poll, seedDemoDistrict, strict);
    }

    public StackOptions withSeedDemoDistrict(boolean seed) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, webPort, extraApiProperties, sandboxStudents,
                workerPoll, seed, strict);
    }

    public StackOptions withStrict(boolean everyComponentRequired) {
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, webPort, extraApiProperties, sandboxStudents,
                workerPoll, seedDemoDistrict, everyComponentRequired);
    }

    public StackOptions withApiProperty(String key, String value) {
        Map<String, String> properties = new HashMap<>(extraApiProperties);
        properties.put(key, value);
        return new StackOptions(repo, workDir, components, databaseName, dropDatabaseOnClose, embeddedPostgresData,
                postgresPort, keycloakPort, apiPort, sftpPort, sandboxPort, webPort, properties, sandboxStudents,
                workerPoll, seedDemoDistrict, strict);
    }

    public boolean has(Component component) {
        return components.contains(component);
    }
}
