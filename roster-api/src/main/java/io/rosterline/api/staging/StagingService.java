package io.rosterline.api.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.sync.Jdbc;
import io.rosterline.api.sync.RunQueue;
import io.rosterline.api.sync.RunQueue.HeldRun;
import io.rosterline.api.sync.SyncDtos.ChunkRequest;
import io.rosterline.api.sync.SyncDtos.ChunkResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The worker's side of staging (what to read is {@link RunSourceService}'s): the current digest (sourcedId -> content hash) streamed, and the
 * differences arriving in idempotent chunks. Rows are written with one INSERT ... SELECT FROM unnest(arrays) per
 * chunk and collection, which PostgreSQL takes as fast as a batch without per-row round trips.
 */
@ApplicationScoped
@Transactional
public class StagingService {

    private static final String NUL_MESSAGE = "must not contain NUL characters";

    /** Separates the terms of a class inside one text value (a control character never seen in sourcedIds). */
    static final String ARRAY_SEPARATOR = "\u001f";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    RunQueue queue;
    @Inject
    ObjectMapper objectMapper;

    /** Checks the lease now (so a lost lease answers 409), then streams the digest outside any transaction. */
    public StreamingOutput digest(UUID runId, UUID leaseToken, String collection) {
        if (!RosterTable.known(collection)) {
            throw ProblemException.invalid("collection", "'" + collection + "' is not a roster collection; use one of "
                    + java.util.Arrays.stream(RosterTable.values()).map(t -> t.collection).collect(Collectors.joining(", ")));
        }
        RosterTable table = RosterTable.of(collection);
        UUID districtId;
        try (Connection c = dataSource.getConnection()) {
            districtId = queue.requireLease(c, runId, leaseToken).districtId();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return output -> {
            // A cursor (autocommit off + fetch size) keeps the API's memory flat however large the district is.
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT sourced_id, hash FROM " + table.current + " WHERE district_id = ?")) {
                    ps.setFetchSize(10_000);
                    ps.setObject(1, districtId);
                    BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
                    try (ResultSet rs = ps.executeQuery()) {
                        StringBuilder line = new StringBuilder(96);
                        while (rs.next()) {
                            line.setLength(0);
                            line.append("{\"s\":");
                            appendJsonString(line, rs.getString(1));
                            line.append(",\"h\":\"").append(Long.toHexString(rs.getLong(2))).append("\"}\n");
                            writer.append(line);
                        }
                    }
                    writer.flush();
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new java.io.IOException("reading the digest failed", e);
            }
        };
    }

    static void appendJsonString(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    public ChunkResult ingest(UUID runId, UUID leaseToken, ChunkRequest chunk) {
        if (!RosterTable.known(chunk.collection())) {
            throw ProblemException.invalid("collection", "'" + chunk.collection() + "' is not a roster collection");
        }
        RosterTable table = RosterTable.of(chunk.collection());
        List<Map<String, Object>> upserts = chunk.upserts() == null ? List.of() : chunk.upserts();
        List<String> deletes = chunk.deletes() == null ? List.of() : chunk.deletes();
        for (int i = 0; i < deletes.size(); i++) {
            if (deletes.get(i) == null || deletes.get(i).indexOf('\u0000') >= 0) {
                throw ProblemException.invalid("deletes[" + i + "]", deletes.get(i) == null ? "a deletion needs a sourcedId" : NUL_MESSAGE);
            }
        }
        if (chunk.chunkId().indexOf('\u0000') >= 0) {
            throw ProblemException.invalid("chunkId", NUL_MESSAGE);
        }
        try (Connection c = dataSource.getConnection()) {
            HeldRun run = queue.requireLease(c, runId, leaseToken);
            int inserted = Jdbc.update(c, "INSERT INTO sync_chunk (run_id, chunk_id, collection, upserts, deletes) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", runId, chunk.chunkId(), table.collection, upserts.size(), deletes.size());
            if (inserted == 0) {
                return new ChunkResult(chunk.chunkId(), true, upserts.size(), deletes.size());
            }
            if (!upserts.isEmpty()) {
                writeUpserts(c, table, run, upserts);
            }
            if (!deletes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.staged
                        + " (run_id, district_id, sourced_id, hash, status, op) SELECT ?, ?, x, 0, 'deleted', 'D' FROM unnest(?::text[]) x "
                        + "ON CONFLICT (run_id, sourced_id) DO UPDATE SET op = 'D', hash = 0, status = 'deleted'")) {
                    ps.setObject(1, runId);
                    ps.setObject(2, run.districtId());
                    ps.setArray(3, c.createArrayOf("text", deletes.toArray()));
                    ps.executeUpdate();
                }
            }
            return new ChunkResult(chunk.chunkId(), false, upserts.size(), deletes.size());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void writeUpserts(Connection c, RosterTable table, HeldRun run, List<Map<String, Object>> rows) throws SQLException {
        int n = rows.size();
        String[] ids = new String[n];
        Long[] hashes = new Long[n];
        String[] statuses = new String[n];
        List<String[]> columns = new ArrayList<>();
        for (int k = 0; k < table.columns.size(); k++) {
            columns.add(new String[n]);
        }
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = rows.get(i);
            Object id = row.get("sourcedId");
            if (!(id instanceof String s) || s.isBlank()) {
                throw ProblemException.invalid("upserts[" + i + "].sourcedId", "every record needs its sourcedId");
            }
            ids[i] = s;
            hashes[i] = parseHash(row.get("hash"), i);
            Object status = row.get("status");
            statuses[i] = status == null ? "active" : status.toString().toLowerCase(java.util.Locale.ROOT);
            for (int k = 0; k < table.columns.size(); k++) {
                RosterTable.Column column = table.columns.get(k);
                Object value = row.get(column.json());
                String text;
                if (value == null) {
                    text = null;
                } else if (value instanceof List<?> list) {
                    text = list.stream().map(String::valueOf).collect(Collectors.joining(ARRAY_SEPARATOR));
                } else {
                    text = value.toString();
                }
                if (text != null && text.indexOf('\u0000') >= 0) {
                    // PostgreSQL text cannot hold NUL; without this the insert fails with a 500 (the worker strips them).
                    throw ProblemException.invalid("upserts[" + i + "]." + column.json(), NUL_MESSAGE);
                }
                columns.get(k)[i] = text;
            }
        }
        StringBuilder select = new StringBuilder("SELECT ?, ?, u.sid, u.h, u.st");
        StringBuilder unnest = new StringBuilder("unnest(?::text[], ?::bigint[], ?::text[]");
        StringBuilder names = new StringBuilder("sid, h, st");
        StringBuilder updates = new StringBuilder("hash = EXCLUDED.hash, status = EXCLUDED.status, op = 'U'");
        for (int k = 0; k < table.columns.size(); k++) {
            RosterTable.Column column = table.columns.get(k);
            String alias = "c" + k;
            select.append(", ").append(switch (column.type()) {
                case TEXT -> "u." + alias;
                case DATE -> "u." + alias + "::date";
                case TEXT_ARRAY -> "CASE WHEN u." + alias + " IS NULL OR u." + alias + " = '' THEN '{}'::text[] ELSE string_to_array(u."
                        + alias + ", E'\\x1f') END";
            });
            unnest.append(", ?::text[]");
            names.append(", ").append(alias);
            updates.append(", ").append(column.name()).append(" = EXCLUDED.").append(column.name());
        }
        select.append(", 'U' FROM ").append(unnest).append(") AS u(").append(names).append(")");
        String sql = "INSERT INTO " + table.staged + " (run_id, district_id, sourced_id, hash, status, " + table.dataColumns(null)
                + ", op) " + select + " ON CONFLICT (run_id, sourced_id) DO UPDATE SET " + updates;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setObject(p++, run.runId());
            ps.setObject(p++, run.districtId());
            ps.setArray(p++, c.createArrayOf("text", ids));
            ps.setArray(p++, c.createArrayOf("bigint", hashes));
            ps.setArray(p++, c.createArrayOf("text", statuses));
            for (String[] column : columns) {
                ps.setArray(p++, c.createArrayOf("text", column));
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) || "21000".equals(e.getSQLState())) {
                throw ProblemException.invalid("upserts", "a chunk lists the same sourcedId twice");
            }
            if ("22007".equals(e.getSQLState()) || "22008".equals(e.getSQLState())) {
                throw ProblemException.invalid("upserts", "a date is not in the form YYYY-MM-DD");
            }
            throw e;
        }
    }

    private static long parseHash(Object value, int index) {
        try {
            return Long.parseUnsignedLong(String.valueOf(value), 16);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("upserts[" + index + "].hash", "the content hash must be up to 16 hex digits");
        }
    }

    /**
     * Fresh planner statistics for the staged tables this run filled. Always, however few rows: every query of the
     * completion filters on this run's id, which the statistics of earlier runs do not know, and an estimate of one row
     * for a run that removed thousands makes the safety judgement a nested loop over the whole roster.
     */
    public static void refreshStatistics(Connection c, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT collection, sum(upserts + deletes) FROM sync_chunk WHERE run_id = ? GROUP BY collection")) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (RosterTable.known(rs.getString(1)) && rs.getLong(2) > 0) {
                        Jdbc.analyze(c, RosterTable.of(rs.getString(1)).staged);
                    }
                }
            }
        }
    }

    /** RESYNC: the worker sent everything; mark what the source no longer has, then drop what did not change. */
    public static void reduceFullReadToDifferences(Connection c, UUID runId, UUID districtId) throws SQLException {
        for (RosterTable table : RosterTable.values()) {
            Jdbc.update(c, "INSERT INTO " + table.staged + " (run_id, district_id, sourced_id, hash, status, op) "
                    + "SELECT ?, r.district_id, r.sourced_id, 0, 'deleted', 'D' FROM " + table.current + " r WHERE r.district_id = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM " + table.staged + " s WHERE s.run_id = ? AND s.sourced_id = r.sourced_id)",
                    runId, districtId, runId);
            Jdbc.update(c, "DELETE FROM " + table.staged + " s USING " + table.current + " r WHERE s.run_id = ? AND s.op = 'U' "
                    + "AND r.district_id = ? AND r.sourced_id = s.sourced_id AND r.hash = s.hash", runId, districtId);
        }
    }

    /** Added / changed / removed per collection, plus the size the roster will have once applied. */
    public static Map<String, Map<String, Long>> countDifferences(Connection c, UUID runId, UUID districtId) throws SQLException {
        Map<String, Map<String, Long>> counts = new java.util.LinkedHashMap<>();
        for (RosterTable table : RosterTable.values()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "count(*) FILTER (WHERE s.op = 'U' AND r.sourced_id IS NULL), "
                    + "count(*) FILTER (WHERE s.op = 'U' AND r.sourced_id IS NOT NULL), "
                    + "count(*) FILTER (WHERE s.op = 'D' AND r.sourced_id IS NOT NULL), "
                    + "(SELECT count(*) FROM " + table.current + " x WHERE x.district_id = ?) "
                    + "FROM " + table.staged + " s LEFT JOIN " + table.current + " r ON r.district_id = ? AND r.sourced_id = s.sourced_id "
                    + "WHERE s.run_id = ?")) {
                Jdbc.bind(ps, districtId, districtId, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long added = rs.getLong(1);
                    long changed = rs.getLong(2);
                    long removed = rs.getLong(3);
                    long current = rs.getLong(4);
                    Map<String, Long> m = new java.util.LinkedHashMap<>();
                    m.put("added", added);
                    m.put("changed", changed);
                    m.put("removed", removed);
                    m.put("unchanged", current - changed - removed);
                    m.put("total", current + added - removed);
                    counts.put(table.collection, m);
                }
            }
        }
        return counts;
    }
}
