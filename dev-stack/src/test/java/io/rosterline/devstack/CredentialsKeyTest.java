package io.rosterline.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CredentialsKeyTest {

    @TempDir
    Path cache;

    @Test
    void givenAKeptDatabase_whenTheStackStartsTwice_thenRosterApiGetsTheSameOwnerOnlyKey() throws Exception {
        Path file = cache.resolve("local-credentials-key-rosterline");

        String first = CredentialsKey.keptIn(file);
        String second = CredentialsKey.keptIn(file);

        assertEquals(first, second);
        assertEquals(32, Base64.getDecoder().decode(first).length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void givenThrowAwayDatabases_whenKeysAreMade_thenEachIsNewAnd256Bits() {
        String one = CredentialsKey.fresh();
        String other = CredentialsKey.fresh();

        assertNotEquals(one, other);
        assertEquals(32, Base64.getDecoder().decode(one).length);
    }
}
