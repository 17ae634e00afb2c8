package io.rosterline.systemtests;

import io.rosterline.devstack.DevStack;
import io.rosterline.devstack.Postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A row lock held by another session of the stack's database, as a concurrent admin request would hold it (requesting a
 * run locks the district row the same way). A run's completion that needs the row waits for it, which holds the
 * completion at a known point for as long as the case needs; closing the lock lets it go on.
 */
final class RowLock implements AutoCloseable {

    /** The lock holder's session name in pg_stat_activity, so that a case can tell it from roster-api's. */
    static final String APPLICATION_NAME = "rosterline-fault-suite-lock";

    private final Connection connection;

    private RowLock(Connection connection) {
        this.connection = connection;
    }

    /** Locks the rows the statement selects (it ends in FOR UPDATE or FOR NO KEY UPDATE) until {@link #close()}. */
    static RowLock hold(String selectForUpdate, Object... params) {
        DevStack stack = RunningStack.stack();
        try {
            java.util.Properties login = new java.util.Properties();
            login.setProperty("user", Postgres.USER);
            login.setProperty("password", Postgres.PASSWORD);
            login.setProperty("ApplicationName", APPLICATION_NAME);
            Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(stack.databaseName()), login);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(selectForUpdate)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.executeQuery().close();
            }
            return new RowLock(c);
        } catch (SQLException e) {
            throw new IllegalStateException(selectForUpdate + ": " + e.getMessage(), e);
        }
    }

    /** Whether a backend of the stack's database is now waiting for a lock in a statement like this. */
    static boolean someoneWaitsIn(String queryFragment) {
        return StackDatabase.count("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid() "
                        + "AND wait_event_type = 'Lock' AND query ILIKE ?",
                RunningStack.stack().databaseName(), "%" + queryFragment + "%") > 0;
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            // The case may have dropped every connection (pg_terminate_backend): the lock is gone with it.
        }
    }
}
