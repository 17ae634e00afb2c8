package io.rosterline.api.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small JDBC helpers for the plain-SQL parts of the sync pipeline. */
public final class Jdbc {

    private Jdbc() {
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Runs a SELECT ... FOR UPDATE / FOR SHARE for its locks only. */
    public static void lock(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeQuery().close();
        }
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /**
     * Refreshes the planner's statistics of a table after a bulk write changed {@code changedRows} of its rows, when
     * that is a tenth of the table or more (or the table was never analysed). The apply runs its joins in the same
     * transaction as the writes, before autovacuum could notice them: without fresh statistics PostgreSQL plans a
     * nested loop over a table it believes empty, and a sync of a large district slows down quadratically.
     */
    public static void analyzeIfChanged(Connection c, String table, long changedRows) throws SQLException {
        if (changedRows <= 0) {
            return;
        }
        double tuples;
        try (PreparedStatement ps = c.prepareStatement("SELECT reltuples FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, table);
            try (var rs = ps.executeQuery()) {
                tuples = rs.next() ? rs.getDouble(1) : -1;
            }
        }
        if (tuples < 0 || changedRows >= Math.max(1000, tuples / 10)) {
            analyze(c, table);
        }
    }

    /** ANALYZE, for temporary tables (autovacuum never analyses them) and after bulk writes. */
    public static void analyze(Connection c, String table) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("ANALYZE " + table);
        }
    }

    public static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
