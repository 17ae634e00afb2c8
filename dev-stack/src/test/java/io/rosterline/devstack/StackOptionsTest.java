package io.rosterline.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackOptionsTest {

    @TempDir
    Path root;

    @Test
    void givenTheBrowserTests_whenTheEphemeralStackIsChosen_thenItRunsTheSandboxAndTheWorkerOnFreePortsUnseeded() {
        StackOptions options = StackOptions.ephemeral(new RepoLayout(root), root.resolve(".run/ephemeral"));

        assertEquals(EnumSet.of(Component.KEYCLOAK, Component.ROSTER_API, Component.SIS_SANDBOX, Component.SYNC_WORKER),
                EnumSet.copyOf(options.components()));
        assertEquals(0, options.keycloakPort());
        assertEquals(0, options.apiPort());
        assertEquals(0, options.sandboxPort());
        assertEquals(300, options.sandboxStudents(), "a small district: an import takes seconds");
        assertEquals("2s", options.workerPoll());
        assertTrue(options.dropDatabaseOnClose());
        assertTrue(options.strict(), "a missing sandbox or worker fails the start instead of the test later");
        assertFalse(options.seedDemoDistrict());
    }

    @Test
    void givenTheRunCommand_whenStartedFresh_thenEverythingButTheWebUiMovesToFreePortsAndHarborIsSeeded() {
        RepoLayout repo = new RepoLayout(root);
        StackOptions local = StackOptions.localRun(repo);
        StackOptions fresh = StackOptions.freshLocalRun(repo);

        assertTrue(local.seedDemoDistrict());
        assertFalse(local.dropDatabaseOnClose());
        assertEquals(EnumSet.allOf(Component.class), EnumSet.copyOf(fresh.components()));
        assertTrue(fresh.seedDemoDistrict());
        assertTrue(fresh.dropDatabaseOnClose());
        assertNotEquals(local.databaseName(), fresh.databaseName());
        assertEquals(0, fresh.apiPort());
        assertEquals(0, fresh.sandboxPort());
        assertEquals(5173, fresh.webPort(), "the realm lets the SPA sign in from 5173 only");
    }

    @Test
    void givenADate_thenTheSandboxServesTheSchoolYearRunningThen() {
        assertEquals(2027, StackOptions.currentSchoolYear(LocalDate.of(2026, 12, 1)));
        assertEquals(2027, StackOptions.currentSchoolYear(LocalDate.of(2027, 6, 10)));
        assertEquals(2027, StackOptions.currentSchoolYear(LocalDate.of(2026, 8, 1)));
        assertEquals(2026, StackOptions.currentSchoolYear(LocalDate.of(2026, 7, 31)));
    }
}
