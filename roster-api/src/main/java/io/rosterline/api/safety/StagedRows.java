package io.rosterline.api.safety;

import io.rosterline.api.staging.RosterTable;
import io.rosterline.api.sync.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** A failed or discarded run leaves no staged rows behind. */
final class StagedRows {

    private StagedRows() {
    }

    static void clear(Connection c, UUID runId) throws SQLException {
        for (RosterTable table : RosterTable.values()) {
            Jdbc.update(c, "DELETE FROM " + table.staged + " WHERE run_id = ?", runId);
        }
        Jdbc.update(c, "DELETE FROM sync_chunk WHERE run_id = ?", runId);
    }
}
