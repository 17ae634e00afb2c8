package io.rosterline.devstack;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresTest {

    private static String uniqueName() {
        return "devstack_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void givenTheMachinesServerOrAnEmbeddedOne_whenATestDatabaseIsCreatedAndDropped_thenItExistsOnlyInBetween() {
        try (Postgres postgres = Postgres.localOrEmbedded(null, 0)) {
            String database = uniqueName();
            postgres.createDatabaseIfMissing(database);
            assertTrue(postgres.databaseExists(database));

            postgres.createDatabaseIfMissing(database); // a second start of the local run finds it and keeps it
            assertTrue(postgres.databaseExists(database));

            postgres.dropDatabase(database);
            assertFalse(postgres.databaseExists(database));
        }
    }

    @Test
    void givenNoServerIsWanted_whenEmbeddedIsForced_thenARealPostgresStartsOnARandomPortAndStops() {
        System.setProperty("rosterline.postgres", "embedded");
        try (Postgres postgres = Postgres.localOrEmbedded(null, 0)) {
            assertTrue(postgres.isEmbedded());
            assertTrue(postgres.port() != 5432, "random port, got " + postgres.port());
            String database = uniqueName();
            postgres.createDatabaseIfMissing(database);
            assertTrue(postgres.databaseExists(database));
            assertEquals("jdbc:postgresql://localhost:" + postgres.port() + "/" + database, postgres.jdbcUrl(database));
        } finally {
            System.clearProperty("rosterline.postgres");
        }
    }

    @Test
    void givenANameThatIsNotAPlainIdentifier_whenUsedAsDatabase_thenItIsRejectedBeforeAnySql() {
        try (Postgres postgres = Postgres.localOrEmbedded(null, 0)) {
            assertThrows(IllegalArgumentException.class, () -> postgres.createDatabaseIfMissing("x; DROP DATABASE postgres"));
        }
    }
}
