package io.rosterline.api.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * What a run stages lives until the run is applied, discarded, failed or retried; then its staged rows and its chunk
 * ledger (the chunk ids that made retried posts idempotent, useless once the lease is gone) are removed, here only.
 */
public final class StagedRuns {

    private StagedRuns() {
    }

    public static void clear(Connection c, UUID runId) throws SQLException {
        clear(c, List.of(runId));
    }

    public static void clear(Connection c, List<UUID> runIds) throws SQLException {
        if (runIds.isEmpty()) {
            return;
        }
        java.sql.Array ids = c.createArrayOf("uuid", runIds.toArray());
        for (RosterTable table : RosterTable.values()) {
            delete(c, "DELETE FROM " + table.staged + " WHERE run_id = ANY (?)", ids);
        }
        delete(c, "DELETE FROM sync_chunk WHERE run_id = ANY (?)", ids);
    }

    private static void delete(Connection c, String sql, java.sql.Array ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
    }
}
