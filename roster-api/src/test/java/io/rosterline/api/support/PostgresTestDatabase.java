package io.rosterline.api.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Gives each test run a PostgreSQL database of its own on the local server (scripts/test makes sure it is up),
 * and drops it afterwards, so runs never see each other's rows.
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String SERVER = System.getProperty("rosterline.test.pg", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = System.getProperty("rosterline.test.pg.user", "postgres");

    private String databaseName;

    @Override
    public Map<String, String> start() {
        databaseName = "rosterline_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + databaseName);
        return Map.of(
                "quarkus.datasource.jdbc.url", SERVER + databaseName,
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", "");
    }

    @Override
    public void stop() {
        if (databaseName != null) {
            execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " is needed for the tests (scripts/test starts it): "
                    + e.getMessage(), e);
        }
    }
}
