package io.rosterline.api.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything a district owns, as row counts and a checksum of the rows of each table: every table with a district_id
 * column, every table keyed by a run of the district (run_id without district_id), and the district row itself. The
 * tables are found in the schema, so a table added by a later migration is covered without editing this class.
 * Two snapshots are equal exactly when no row of the district was added, removed or changed in any column.
 */
public final class DistrictSnapshot {

    private static volatile String query;
    private static volatile int parameters;

    private DistrictSnapshot() {
    }

    /** Table name to "rows=N md5=..." for this district. */
    public static Map<String, String> of(DataSource db, UUID district) {
        try (Connection c = db.getConnection()) {
            if (query == null) {
                prepare(c);
            }
            Map<String, String> snapshot = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(query)) {
                for (int i = 1; i <= parameters; i++) {
                    ps.setObject(i, district);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        snapshot.put(rs.getString(1), "rows=" + rs.getLong(2) + " md5=" + rs.getString(3));
                    }
                }
            }
            return snapshot;
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the district's snapshot", e);
        }
    }

    /** The tables of the snapshot (for reports). */
    public static List<String> tables(DataSource db) {
        return List.copyOf(of(db, new UUID(0, 0)).keySet());
    }

    private static synchronized void prepare(Connection c) throws SQLException {
        if (query != null) {
            return;
        }
        List<String> byDistrict = new ArrayList<>();
        List<String> byRun = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.table_name,
                       bool_or(col.column_name = 'district_id') AS has_district,
                       bool_or(col.column_name = 'run_id') AS has_run
                FROM information_schema.tables t
                JOIN information_schema.columns col ON col.table_schema = t.table_schema AND col.table_name = t.table_name
                WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND t.table_name <> 'flyway_schema_history'
                GROUP BY t.table_name ORDER BY t.table_name""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean(2)) {
                    byDistrict.add(rs.getString(1));
                } else if (rs.getBoolean(3)) {
                    byRun.add(rs.getString(1));
                }
            }
        }
        List<String> parts = new ArrayList<>();
        int count = 0;
        parts.add(part("district", "id = ?"));
        count++;
        for (String table : byDistrict) {
            parts.add(part(table, "district_id = ?"));
            count++;
        }
        for (String table : byRun) {
            parts.add(part(table, "run_id IN (SELECT id FROM sync_run WHERE district_id = ?)"));
            count++;
        }
        parameters = count;
        query = String.join("\nUNION ALL\n", parts);
    }

    private static String part(String table, String where) {
        // The row as text covers every column; ordered so that the checksum does not depend on physical order.
        return "SELECT '" + table + "', count(*), md5(coalesce(string_agg(x.r, '|' ORDER BY x.r), '')) FROM "
                + "(SELECT t::text AS r FROM \"" + table + "\" t WHERE " + where + ") x";
    }
}
