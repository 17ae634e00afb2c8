package io.rosterline.api.safety;

import io.rosterline.api.staging.ApplyEngine;
import io.rosterline.api.staging.RosterTable;
import io.rosterline.api.sync.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The safe part of a held run: records the roster does not have yet are added (never changed or removed), and the
 * licenses they bring are granted. The license replacement runs as usual, and any ROSTERED assignment it would take
 * away (or would move into its grace period) is put back as it was, so the net effect only adds.
 */
final class HeldAdditions {

    private HeldAdditions() {
    }

    static void apply(Connection c, UUID districtId, UUID runId, LocalDate today, Instant now, List<String> matchOrder)
            throws SQLException {
        for (RosterTable t : RosterTable.values()) {
            Jdbc.update(c, "INSERT INTO " + t.current + " (district_id, sourced_id, hash, status, " + t.dataColumns(null) + ") "
                    + "SELECT district_id, sourced_id, hash, status, " + t.dataColumns(null) + " FROM " + t.staged + " s "
                    + "WHERE s.run_id = ? AND s.op = 'U' AND s.status = 'active' ON CONFLICT (district_id, sourced_id) DO NOTHING", runId);
        }
        Jdbc.update(c, """
                CREATE TEMP TABLE held_kept ON COMMIT DROP AS
                SELECT account_id, product_id, pool_id, effective_start, effective_end, assigned_at, assigned_by, grace_until, grace_since
                FROM license_assignment WHERE district_id = ? AND source = 'ROSTERED'""", districtId);
        ApplyEngine.apply(c, districtId, null, today, now, "safety-hold", matchOrder, 0);
        Jdbc.update(c, """
                INSERT INTO license_assignment (district_id, account_id, product_id, pool_id, source, effective_start, effective_end,
                                                assigned_at, assigned_by, grace_until, grace_since)
                SELECT ?, k.account_id, k.product_id, k.pool_id, 'ROSTERED', k.effective_start, k.effective_end, k.assigned_at, k.assigned_by,
                       k.grace_until, k.grace_since
                FROM held_kept k ON CONFLICT (district_id, account_id, product_id, source) DO UPDATE
                  SET grace_until = EXCLUDED.grace_until, grace_since = EXCLUDED.grace_since
                  WHERE license_assignment.grace_until IS DISTINCT FROM EXCLUDED.grace_until""", districtId);
        Jdbc.update(c, "DROP TABLE held_kept");
    }
}
