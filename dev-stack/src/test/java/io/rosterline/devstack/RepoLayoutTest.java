package io.rosterline.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepoLayoutTest {

    @TempDir
    Path repo;

    @Test
    void givenNoSandboxBuild_whenTheStackLooksForIt_thenItIsSkipped() {
        assertEquals(Optional.empty(), new RepoLayout(repo).sandboxJar());
    }

    @Test
    void givenOnlyTheShadedSandboxJar_whenTheStackLooksForIt_thenItRunsThatOne() throws Exception {
        Path target = Files.createDirectories(repo.resolve("sis-sandbox/target"));
        Files.writeString(target.resolve("sis-sandbox-0.1.0-SNAPSHOT.jar"), "thin");
        Files.writeString(target.resolve("sis-sandbox-0.1.0-SNAPSHOT-all.jar"), "shaded");

        assertEquals(Optional.of(target.resolve("sis-sandbox-0.1.0-SNAPSHOT-all.jar")), new RepoLayout(repo).sandboxJar());
    }

    @Test
    void givenThePlainSandboxJar_whenTheStackLooksForIt_thenItWins() throws Exception {
        Path target = Files.createDirectories(repo.resolve("sis-sandbox/target"));
        Files.writeString(target.resolve("sis-sandbox-0.1.0-SNAPSHOT-all.jar"), "shaded");
        Files.writeString(target.resolve("sis-sandbox.jar"), "plain");

        assertEquals(Optional.of(target.resolve("sis-sandbox.jar")), new RepoLayout(repo).sandboxJar());
    }

    @Test
    void givenTheBuiltLauncher_whenItLooksForKeycloak_thenTheZipMavenDownloadedIsThere() {
        assertEquals("26.7.3", RepoLayout.keycloakVersion());
        assertTrue(Files.isRegularFile(RepoLayout.keycloakZip()), "Keycloak zip at " + RepoLayout.keycloakZip());
    }
}
