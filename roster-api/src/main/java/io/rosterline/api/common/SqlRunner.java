package io.rosterline.api.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain SQL over the application's data source for set-based work (bulk upserts, views, paged lists). Inside a
 * transaction the connection is the transaction's own, so Hibernate's pending changes are flushed first and both
 * see the same rows.
 */
@ApplicationScoped
public class SqlRunner {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @Inject
    DataSource dataSource;
    @Inject
    EntityManager entityManager;
    @Inject
    TransactionManager transactions;

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        flushPending();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public long count(String sql, Object... params) {
        return one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public int update(String sql, Object... params) {
        flushPending();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** One statement, many parameter rows, sent in batches of 500; returns the total rows touched. */
    public long batch(String sql, Iterable<Object[]> rows) {
        flushPending();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            long touched = 0;
            int pending = 0;
            for (Object[] row : rows) {
                bind(c, ps, row);
                ps.addBatch();
                if (++pending == 500) {
                    touched += sum(ps.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                touched += sum(ps.executeBatch());
            }
            return touched;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    public static String[] textArray(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int n : counts) {
            total += Math.max(n, 0);
        }
        return total;
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof String[] strings) {
                ps.setArray(i + 1, c.createArrayOf("text", strings));
            } else if (p instanceof UUID[] ids) {
                ps.setArray(i + 1, c.createArrayOf("uuid", ids));
            } else if (p instanceof Collection<?> values) {
                ps.setArray(i + 1, c.createArrayOf("text", values.stream().map(String::valueOf).toArray(String[]::new)));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private void flushPending() {
        try {
            if (transactions.getStatus() == Status.STATUS_ACTIVE) {
                entityManager.flush();
            }
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}
