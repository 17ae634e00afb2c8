package io.rosterline.api.safety;

import io.agroal.api.AgroalDataSource;
import io.rosterline.api.audit.AuditTrail;
import io.rosterline.api.checklist.ChecklistContributor;
import io.rosterline.api.checklist.ChecklistStep;
import io.rosterline.api.checklist.StepStatus;
import io.rosterline.api.common.ProblemException;
import io.rosterline.api.common.ProblemType;
import io.rosterline.api.district.District;
import io.rosterline.api.security.CurrentUser;
import io.rosterline.api.sync.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The readiness review: findings over the roster as a run leaves it (its staged differences over the current roster)
 * and the existing accounts. Every finding names the records concerned (up to {@link #RECORDS_SHOWN}) and a fix.
 * The checklist's READINESS_REVIEW step is DONE when no blocking finding remains unacknowledged.
 */
@ApplicationScoped
@Transactional
public class ReadinessService implements ChecklistContributor {

    static final int RECORDS_SHOWN = 50;
    private static final UUID NO_RUN = new UUID(0, 0);
    /** Part of the snapshot fingerprint: bump it when a finding's query or text changes, so stored snapshots are recomputed. */
    private static final String FINDINGS_VERSION = "1";
    private static final com.fasterxml.jackson.core.type.TypeReference<List<Finding>> FINDINGS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    @Schema(name = "ReadinessRecord", description = "Records a finding concerns: rostered sourcedIds and/or an existing account.")
    public record FindingRecord(String detail, List<String> sourcedIds,
                                @Schema(description = "The existing account the finding suggests linking to, if any.") UUID accountId,
                                @Schema(description = "Rosterline's account for each of sourcedIds, in the same order (null where there is "
                                        + "none yet): two accounts of one person are what a MERGE action takes.") List<UUID> accountIds) {
    }

    @Schema(name = "ReadinessFinding")
    public record Finding(String kind, boolean blocking, String title, long count, List<FindingRecord> records, String suggestedFix,
                          boolean acknowledged) {
    }

    @Schema(name = "Readiness", description = "Findings of the readiness review; done when no blocking finding is left unacknowledged.",
            example = """
            {"runId":"5ec52906-ab9a-43fe-8a67-695998a50aa4","done":false,
             "findings":[{"kind":"DUPLICATE_PERSON","blocking":true,"title":"People the SIS sends twice","count":1,
                          "records":[{"detail":"Ana Lopez (ana.lopez@harbor.k12.example) appears as stu-000123 and stu-900123",
                                      "sourcedIds":["stu-000123","stu-900123"],"accountId":null,
                                      "accountIds":["0b8f5c1e-6a47-4d2b-9f0e-3c1d2a4b5e6f","7e1d2c3b-4a59-4687-b8c9-d0e1f2a3b4c5"]}],
                          "suggestedFix":"Ask the SIS to merge the records into one.","acknowledged":false},
                         {"kind":"TERM_NOT_STARTED","blocking":false,"title":"Terms that have not started","count":1,
                          "records":[{"detail":"Term Spring 2027 Semester starts on 2027-01-19","sourcedIds":["as-2027-t2"],"accountId":null,"accountIds":[null]}],
                          "suggestedFix":"Set an override start on the term if students need access before it starts.","acknowledged":false}],
             "refreshing":false}""")
    public record Readiness(UUID runId, boolean done, List<Finding> findings,
                            @Schema(description = "True while the roster changed and another request is computing the review again: "
                                    + "these are the findings from before that change (ask again in a few seconds).") boolean refreshing) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Clock clock;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper objectMapper;

    /** Findings for the given run, or the latest staged or held run, or (none) the current roster. */
    public Readiness review(UUID districtId, UUID runId) {
        try (Connection c = dataSource.getConnection()) {
            Reviewed reviewed = reviewed(c, districtId, runId);
            UUID run = reviewed.run();
            UUID key = reviewed.key();
            LocalDate today = reviewed.today();
            String fingerprint = reviewed.fingerprint();
            List<Finding> findings = snapshot(c, districtId, key, fingerprint);
            boolean refreshing = false;
            if (findings == null) {
                // One computation per district at a time. The others do not wait for it: waiting would hold a pooled
                // connection for the whole computation (seconds at 1M enrollments), and fifty admins' pages would take
                // every connection, the worker's included. They get the findings from before the change, marked so.
                boolean computing;
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('readiness'), hashtext(?::text))")) {
                    ps.setObject(1, districtId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        computing = !rs.getBoolean(1);
                    }
                }
                if (computing) {
                    findings = snapshot(c, districtId, key, null);
                    if (findings == null) {
                        throw new ProblemException(ProblemType.UNAVAILABLE, "Rosterline is reviewing this district's roster right now; "
                                + "the review will be ready in a few seconds.");
                    }
                    refreshing = true;
                } else {
                    findings = snapshot(c, districtId, key, fingerprint);
                    if (findings == null) {
                        findings = compute(c, districtId, key, today);
                        store(c, districtId, key, fingerprint, findings);
                    }
                }
            }
            Set<String> acks = acknowledged(c, districtId);
            findings = findings.stream().map(f -> new Finding(f.kind(), f.blocking(), f.title(), f.count(), f.records(), f.suggestedFix(),
                    acks.contains(f.kind()))).toList();
            boolean done = findings.stream().noneMatch(f -> f.blocking() && !f.acknowledged());
            return new Readiness(run, done, findings, refreshing);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Computes and stores the review the district's admins will open next (its latest pending run's, else the current
     * roster's), unless it is stored already. It takes no lock: a request arriving meanwhile computes the same findings
     * itself, as it would have without this, instead of waiting for this computation or being served older findings.
     */
    public void precompute(UUID districtId) {
        try (Connection c = dataSource.getConnection()) {
            Reviewed r = reviewed(c, districtId, null);
            if (snapshot(c, districtId, r.key(), r.fingerprint()) == null) {
                store(c, districtId, r.key(), r.fingerprint(), compute(c, districtId, r.key(), r.today()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a review is of: the run (null: the current roster), its snapshot key, the district's today and the fingerprint. */
    private record Reviewed(UUID run, UUID key, LocalDate today, String fingerprint) {
    }

    /** The given run, or the latest staged or held one, or (none) the current roster, with what its snapshot must match. */
    private Reviewed reviewed(Connection c, UUID districtId, UUID runId) throws SQLException {
        District district = District.require(districtId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(district.timezone));
        UUID run = runId != null ? requireRun(c, districtId, runId) : latestPending(c, districtId);
        // The fingerprint is read before the findings: a change committed in between makes the stored findings newer
        // than their fingerprint (recomputed once more next time), never older.
        return new Reviewed(run, run == null ? NO_RUN : run, today, fingerprint(c, districtId, run, today));
    }

    /** The findings of the roster as the run leaves it (acknowledged false: acknowledgements are applied by the caller). */
    private static List<Finding> compute(Connection c, UUID districtId, UUID run, LocalDate today) throws SQLException {
        {
            materialise(c, districtId, run);
            Set<String> acks = Set.of();
            List<Finding> findings = new ArrayList<>();
            add(c, districtId, findings, acks, "DUPLICATE_PERSON", true, "The same person twice", """
                    SELECT 'Same ' || k.field || ' ' || k.value || ' on ' || string_agg(k.sourced_id, ', ' ORDER BY k.sourced_id),
                           array_agg(k.sourced_id ORDER BY k.sourced_id), NULL::uuid
                    FROM (SELECT 'email' AS field, lower(email) AS value, sourced_id FROM rd_user WHERE email IS NOT NULL AND email <> ''
                          UNION ALL
                          SELECT 'login', lower(username), sourced_id FROM rd_user WHERE username IS NOT NULL AND username <> '') k
                    GROUP BY k.field, k.value HAVING count(DISTINCT k.sourced_id) > 1
                    ORDER BY 1""", "Ask the SIS to merge the records into one; if Rosterline already holds an account for each, "
                    + "merge the accounts (action MERGE).", List.of());
            add(c, districtId, findings, acks, "ACCOUNT_FORMAT_MATCH", true, "Incoming people matching an existing account in another format", """
                    SELECT DISTINCT ON (u.sourced_id)
                           u.sourced_id || ' (' || COALESCE(u.email, u.username) || ') matches account ' || COALESCE(a.email, a.login)
                           || CASE WHEN lower(a.email) = lower(u.email) OR lower(a.login) = lower(u.username) THEN ' (letter case differs)'
                                   ELSE ' (other email domain)' END,
                           ARRAY[u.sourced_id], a.id
                    FROM rd_user u JOIN account a ON a.district_id = ? AND a.active AND a.sourced_id IS DISTINCT FROM u.sourced_id
                    WHERE NOT EXISTS (SELECT 1 FROM account x WHERE x.district_id = ? AND x.sourced_id = u.sourced_id)
                      AND ((lower(a.email) = lower(u.email) AND a.email <> u.email)
                        OR (lower(a.login) = lower(u.username) AND a.login <> u.username)
                        OR (split_part(lower(a.email), '@', 1) = split_part(lower(u.email), '@', 1)
                            AND split_part(lower(a.email), '@', 2) <> split_part(lower(u.email), '@', 2)
                            AND lower(a.given_name) = lower(u.given_name) AND lower(a.family_name) = lower(u.family_name)))
                    ORDER BY u.sourced_id, a.id""", "Link the account to the incoming record (action LINK) so it keeps its "
                    + "licenses and history instead of a second account being created.", List.of(districtId, districtId));
            add(c, districtId, findings, acks, "REISSUED_SOURCED_ID", true, "Known people arriving under a new sourcedId", """
                    SELECT u.sourced_id || ' (' || u.email || ') has the email and name of the account of ' || a.sourced_id
                           || ', which is no longer in the roster: probably the same person with a re-issued sourcedId',
                           ARRAY[u.sourced_id, a.sourced_id], a.id
                    FROM rd_user u JOIN account a ON a.district_id = ? AND a.sourced_id IS NOT NULL AND lower(a.email) = lower(u.email)
                         AND lower(a.given_name) = lower(u.given_name) AND lower(a.family_name) = lower(u.family_name)
                    WHERE NOT EXISTS (SELECT 1 FROM account x WHERE x.district_id = ? AND x.sourced_id = u.sourced_id)
                      AND NOT EXISTS (SELECT 1 FROM rd_user g WHERE g.sourced_id = a.sourced_id)
                    ORDER BY u.sourced_id""", "Link the existing account to the new sourcedId (action LINK, or accept it in the account "
                    + "review once the run is applied) so the person keeps their licenses and history instead of getting a second account.",
                    List.of(districtId, districtId));
            add(c, districtId, findings, acks, "ACCOUNT_REVIEW", true, "People waiting for an account decision", """
                    SELECT r.sourced_id || ': ' || r.detail, ARRAY[r.sourced_id], r.candidate_account_ids[1]
                    FROM account_match_review r WHERE r.district_id = ? AND r.status = 'OPEN'
                    ORDER BY r.created_at, r.sourced_id""", "Accept the right account or reject the candidates to create a new one "
                    + "(GET .../account-reviews); until then these people have no account and no license.", List.of(districtId));
            add(c, districtId, findings, acks, "DANGLING_ENROLLMENT", true, "Enrollments that point to unknown classes or people", """
                    SELECT e.sourced_id || ' points to ' || CASE WHEN k.sourced_id IS NULL THEN 'class ' || e.class_sourced_id
                           ELSE 'person ' || e.user_sourced_id END || ', which the roster does not have',
                           ARRAY[e.sourced_id], NULL::uuid
                    FROM rd_enrollment e LEFT JOIN rd_class k ON k.sourced_id = e.class_sourced_id
                    LEFT JOIN rd_user u ON u.sourced_id = e.user_sourced_id
                    WHERE k.sourced_id IS NULL OR u.sourced_id IS NULL ORDER BY e.sourced_id""",
                    "Check the SIS export: the class or person is missing from it, or not in a selected school.", List.of());
            add(c, districtId, findings, acks, "CLASS_WITHOUT_TEACHER", false, "Classes without a teacher", """
                    SELECT 'Class ' || COALESCE(k.title, k.sourced_id) || ' has no teacher', ARRAY[k.sourced_id], NULL::uuid
                    FROM rd_class k WHERE NOT EXISTS (SELECT 1 FROM rd_enrollment e WHERE e.class_sourced_id = k.sourced_id
                                                      AND lower(e.role) = 'teacher')
                    ORDER BY k.sourced_id""", "Assign a teacher in the SIS; until then nobody holds the teacher edition for it.", List.of());
            add(c, districtId, findings, acks, "STUDENT_WITHOUT_CLASS", false, "Students without classes", """
                    SELECT 'Student ' || COALESCE(u.given_name || ' ' || u.family_name, u.sourced_id) || ' is in no class',
                           ARRAY[u.sourced_id], NULL::uuid
                    FROM rd_user u WHERE lower(u.role) = 'student'
                      AND NOT EXISTS (SELECT 1 FROM rd_enrollment e WHERE e.user_sourced_id = u.sourced_id)
                    ORDER BY u.sourced_id""", "Enroll the student in the SIS, or leave it: they get no license until enrolled.", List.of());
            add(c, districtId, findings, acks, "TERM_NOT_STARTED", false, "Terms that have not started", """
                    SELECT 'Term ' || s.title || ' starts on ' || COALESCE(ss.override_start, s.start_date), ARRAY[s.sourced_id], NULL::uuid
                    FROM rd_session s LEFT JOIN sis_academic_session ss ON ss.district_id = ? AND ss.sourced_id = s.sourced_id
                    WHERE COALESCE(ss.override_start, s.start_date) > ?
                      AND EXISTS (SELECT 1 FROM rd_class k WHERE s.sourced_id = ANY (k.term_sourced_ids))
                    ORDER BY s.sourced_id""", "Set an override start on the term if students need access before it starts.",
                    List.of(districtId, today));
            add(c, districtId, findings, acks, "TERM_ENDED", false, "Terms that have already ended", """
                    SELECT 'Term ' || s.title || ' ended on ' || COALESCE(ss.freeze_end, s.end_date), ARRAY[s.sourced_id], NULL::uuid
                    FROM rd_session s LEFT JOIN sis_academic_session ss ON ss.district_id = ? AND ss.sourced_id = s.sourced_id
                    WHERE COALESCE(ss.freeze_end, s.end_date) < ?
                      AND EXISTS (SELECT 1 FROM rd_class k WHERE s.sourced_id = ANY (k.term_sourced_ids))
                    ORDER BY s.sourced_id""", "Set a freeze end on the term if access should continue, or expect these licenses to end.",
                    List.of(districtId, today));
            add(c, districtId, findings, acks, "MAPPED_COURSE_WITHOUT_CLASSES", false, "Mapped courses with no classes", """
                    SELECT 'Course ' || COALESCE(sc.course_code, sc.title, cl.course_sourced_id) || ' is mapped but has no classes',
                           ARRAY[cl.course_sourced_id], NULL::uuid
                    FROM (SELECT DISTINCT course_sourced_id FROM course_license WHERE district_id = ?) cl
                    LEFT JOIN sis_course sc ON sc.district_id = ? AND sc.sourced_id = cl.course_sourced_id
                    WHERE NOT EXISTS (SELECT 1 FROM rd_class k WHERE k.course_sourced_id = cl.course_sourced_id)
                    ORDER BY cl.course_sourced_id""", "Check the course is selected and taught this year, or remove its mapping.",
                    List.of(districtId, districtId));
            for (String table : List.of("rd_user", "rd_class", "rd_enrollment", "rd_session")) {
                Jdbc.update(c, "DROP TABLE " + table);
            }
            return findings;
        }
    }

    /**
     * Everything the findings depend on, cheap to read: the run and its status, the district's log of committed changes
     * to the roster, staged rows, accounts, account reviews, terms, courses and course mappings (V66's triggers), the
     * district's today (term findings) and the version of the finding queries themselves.
     */
    private static String fingerprint(Connection c, UUID districtId, UUID run, LocalDate today) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT concat_ws('|', ?::text, ?::text, (SELECT status FROM sync_run WHERE id = ?::uuid), ?::text, count(*), COALESCE(sum(id), 0))
                FROM readiness_change WHERE district_id = ? AND (run_id IS NULL OR run_id = ?::uuid)""")) {
            // Staged rows of other runs are no input (the review of the current roster stays valid while a sync posts).
            Jdbc.bind(ps, FINDINGS_VERSION, run == null ? "-" : run.toString(), run, today.toString(), districtId, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private List<Finding> snapshot(Connection c, UUID districtId, UUID key, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT findings::text FROM readiness_snapshot WHERE district_id = ? AND run_id = ? AND (?::text IS NULL OR fingerprint = ?)")) {
            // fingerprint null: the latest stored findings whatever they were computed from
            Jdbc.bind(ps, districtId, key, fingerprint, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? objectMapper.readValue(rs.getString(1), FINDINGS) : null;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // an unreadable snapshot is recomputed
        }
    }

    private void store(Connection c, UUID districtId, UUID key, String fingerprint, List<Finding> findings) throws SQLException {
        String json;
        try {
            json = objectMapper.writeValueAsString(findings);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO readiness_snapshot (district_id, run_id, fingerprint, findings, computed_at) VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (district_id, run_id) DO UPDATE
                  SET fingerprint = EXCLUDED.fingerprint, findings = EXCLUDED.findings, computed_at = EXCLUDED.computed_at""")) {
            Jdbc.bind(ps, districtId, key, fingerprint, json, clock.instant());
            ps.executeUpdate();
        }
        // Snapshots of runs nobody can review as pending any more are dead weight.
        Jdbc.update(c, "DELETE FROM readiness_snapshot s WHERE s.district_id = ? AND s.run_id NOT IN (?, ?) AND NOT EXISTS "
                + "(SELECT 1 FROM sync_run r WHERE r.id = s.run_id AND r.status IN ('STAGED', 'HELD'))", districtId, key, NO_RUN);
    }

    public Readiness acknowledge(UUID districtId, String kind) {
        try (Connection c = dataSource.getConnection()) {
            Jdbc.update(c, "INSERT INTO readiness_ack (district_id, kind, acknowledged_by, acknowledged_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT (district_id, kind) DO NOTHING", districtId, kind, currentUser.actor(), clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        audit.record(districtId, "readiness.acknowledged", "readiness_finding", kind, null, Map.of("kind", kind));
        return review(districtId, null);
    }

    @Override
    public ChecklistStep step() {
        return ChecklistStep.READINESS_REVIEW;
    }

    @Override
    public StepStatus evaluate(District district) {
        try (Connection c = dataSource.getConnection()) {
            if (latestPending(c, district.id) == null && SafetyGate.count(c,
                    "SELECT count(*) FROM roster_user WHERE district_id = ?", district.id) == 0) {
                return StepStatus.notStarted("No roster to review yet", "Run a manual import first");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Readiness readiness;
        try {
            readiness = review(district.id, null);
        } catch (ProblemException e) {
            if (e.type != ProblemType.UNAVAILABLE) {
                throw e;
            }
            return StepStatus.needsAttention("Reviewing the roster; the findings will be ready in a few seconds", "Open the readiness review");
        }
        long blocking = readiness.findings().stream().filter(f -> f.blocking() && !f.acknowledged()).count();
        return readiness.done() ? StepStatus.done("No blocking finding left")
                : StepStatus.needsAttention(blocking + " blocking finding(s) to fix or acknowledge", "Open the readiness review");
    }

    /** Runs one finding's query (detail, sourcedIds, accountId per row): counts all rows, keeps the first few. */
    private static void add(Connection c, UUID districtId, List<Finding> findings, Set<String> acks, String kind, boolean blocking,
                            String title, String sql, String fix, List<Object> params) throws SQLException {
        List<FindingRecord> records = new ArrayList<>();
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                    if (records.size() < RECORDS_SHOWN) {
                        String[] ids = (String[]) rs.getArray(2).getArray();
                        records.add(new FindingRecord(rs.getString(1), Arrays.asList(ids), rs.getObject(3, UUID.class), null));
                    }
                }
            }
        }
        if (count > 0) {
            findings.add(new Finding(kind, blocking, title, count, withAccounts(c, districtId, records), fix, acks.contains(kind)));
        }
    }

    /** The account of each sourcedId the shown records list, one query per finding (records shown are few). */
    private static List<FindingRecord> withAccounts(Connection c, UUID districtId, List<FindingRecord> records) throws SQLException {
        Map<String, UUID> accounts = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT sourced_id, id FROM account WHERE district_id = ? AND sourced_id = ANY (?)")) {
            ps.setObject(1, districtId);
            ps.setArray(2, c.createArrayOf("text", records.stream().flatMap(r -> r.sourcedIds().stream()).distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
        }
        return records.stream().map(r -> new FindingRecord(r.detail(), r.sourcedIds(), r.accountId(),
                r.sourcedIds().stream().map(accounts::get).collect(java.util.stream.Collectors.toList()))).toList();
    }

    private static Set<String> acknowledged(Connection c, UUID districtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT kind FROM readiness_ack WHERE district_id = ?")) {
            ps.setObject(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> kinds = new java.util.HashSet<>();
                while (rs.next()) {
                    kinds.add(rs.getString(1));
                }
                return kinds;
            }
        }
    }

    /** The roster as the run leaves it (active records only), as four temporary tables. */
    private static void materialise(Connection c, UUID districtId, UUID runId) throws SQLException {
        String[][] tables = {
                {"rd_user", "roster_user", "staged_user", "sourced_id, role, given_name, family_name, email, username"},
                {"rd_class", "roster_class", "staged_class", "sourced_id, title, course_sourced_id, school_sourced_id, term_sourced_ids"},
                {"rd_enrollment", "roster_enrollment", "staged_enrollment", "sourced_id, class_sourced_id, user_sourced_id, role"},
                {"rd_session", "roster_session", "staged_session", "sourced_id, title, start_date, end_date"}};
        for (String[] t : tables) {
            Jdbc.update(c, "CREATE TEMP TABLE " + t[0] + " ON COMMIT DROP AS "
                    + "SELECT " + t[3] + " FROM " + t[2] + " WHERE run_id = ? AND op = 'U' AND status = 'active' "
                    + "UNION ALL SELECT " + t[3] + " FROM " + t[1] + " r WHERE r.district_id = ? AND r.status = 'active' "
                    + "AND NOT EXISTS (SELECT 1 FROM " + t[2] + " s WHERE s.run_id = ? AND s.sourced_id = r.sourced_id)",
                    runId, districtId, runId);
        }
        Jdbc.update(c, "CREATE INDEX ON rd_user (sourced_id)");
        Jdbc.update(c, "CREATE INDEX ON rd_class (sourced_id)");
        Jdbc.update(c, "CREATE INDEX ON rd_enrollment (class_sourced_id)");
        Jdbc.update(c, "CREATE INDEX ON rd_enrollment (user_sourced_id)");
    }

    private static UUID requireRun(Connection c, UUID districtId, UUID runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sync_run WHERE id = ? AND district_id = ?")) {
            Jdbc.bind(ps, runId, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Run " + runId);
                }
                return runId;
            }
        }
    }

    private static UUID latestPending(Connection c, UUID districtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sync_run WHERE district_id = ? AND status IN ('STAGED', 'HELD') "
                + "AND kind <> 'RESTORE' ORDER BY created_at DESC LIMIT 1")) {
            ps.setObject(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        }
    }
}
