package io.rosterline.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of the stack: the machine's own server on 127.0.0.1:5432 when it answers (trust auth,
 * user postgres), else an embedded PostgreSQL 15 started from the zonky binaries. Databases are created per use:
 * {@code rosterline} for the local run, a unique throw-away name per system-test run.
 */
public final class Postgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final Pattern SAFE_DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final EmbeddedPostgres embedded;

    private Postgres(String host, int port, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
    }

    /**
     * @param embeddedDataDirectory where an embedded server keeps its data; null for a throw-away directory
     * @param embeddedPort          port of an embedded server, 0 for a random one
     */
    public static Postgres localOrEmbedded(Path embeddedDataDirectory, int embeddedPort) {
        String mode = System.getProperty("rosterline.postgres", "auto");
        if (!mode.equals("embedded") && answers("127.0.0.1", 5432)) {
            return new Postgres("127.0.0.1", 5432, null);
        }
        if (mode.equals("local")) {
            throw new StackStartException("PostgreSQL does not answer on 127.0.0.1:5432. Start it with "
                    + "`pg_ctlcluster 15 main start`, or drop -Drosterline.postgres=local to use an embedded one.");
        }
        return startEmbedded(embeddedDataDirectory, embeddedPort);
    }

    private static Postgres startEmbedded(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(Ports.resolve(port))
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres server = builder.start();
            return new Postgres("localhost", server.getPort(), server);
        } catch (IOException e) {
            throw new StackStartException("Could not start an embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static boolean answers(String host, int port) {
        try (Connection ignored = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres?connectTimeout=2&socketTimeout=5", USER, PASSWORD)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public void createDatabaseIfMissing(String database) {
        requireSafeName(database);
        try (Connection connection = adminConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new StackStartException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database even while something is still connected (PostgreSQL 13+ FORCE). */
    public void dropDatabase(String database) {
        requireSafeName(database);
        try (Connection connection = adminConnection(); Statement drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + database + ": " + e.getMessage(), e);
        }
    }

    public boolean databaseExists(String database) {
        try (Connection connection = adminConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list databases: " + e.getMessage(), e);
        }
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
    }

    private static void requireSafeName(String database) {
        // Names go into DDL, which cannot take bind parameters: allow only plain lower-case identifiers.
        if (!SAFE_DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
