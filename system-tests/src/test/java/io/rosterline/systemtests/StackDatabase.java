package io.rosterline.systemtests;

import io.rosterline.devstack.DevStack;
import io.rosterline.devstack.Postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's throw-away PostgreSQL database, read directly: what roster-api actually committed (the tests compare it
 * with a reference computed from the sandbox, never with what the API says about itself), and the fault of dropping
 * every connection roster-api holds.
 */
final class StackDatabase {

    private StackDatabase() {
    }

    private static Connection connect() throws SQLException {
        DevStack stack = RunningStack.stack();
        return DriverManager.getConnection(stack.postgres().jdbcUrl(stack.databaseName()), Postgres.USER, Postgres.PASSWORD);
    }

    /** The first column of every row, as text (duplicates kept: a row twice is a row extra). */
    static List<String> strings(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(String sql, Object... params) {
        List<String> values = strings(sql, params);
        return values.isEmpty() ? 0 : Long.parseLong(values.get(0));
    }

    /**
     * Terminates every other backend connected to the stack's database (roster-api's whole pool, mid-statement or
     * idle), as a PostgreSQL failover or a network cut would. Answers how many were terminated.
     */
    static int dropAllConnections() {
        List<String> terminated = strings("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = ? AND pid <> pg_backend_pid()", RunningStack.stack().databaseName());
        return (int) terminated.stream().filter("t"::equals).count();
    }

    static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
