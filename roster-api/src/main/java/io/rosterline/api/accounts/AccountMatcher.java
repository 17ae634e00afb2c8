package io.rosterline.api.accounts;

import io.rosterline.api.sync.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the rostered people of a district into accounts, set-based, and says why each account is whose it is.
 *
 * <p>A person whose sourcedId an account holds is that account's (rule SOURCED_ID, always first). Every other active
 * person is tried against the existing accounts rule by rule, in the district's order (safety settings
 * {@code accountMatchOrder}, else the deployment's {@code rosterline.sync.match-order}; default SOURCED_ID, IDENTIFIER,
 * EMAIL, LOGIN; IDENTIFIER is the SIS identifier, e.g. the student number). The first rule that finds any candidate
 * decides:
 * <ul>
 * <li>exactly one candidate, bound to nobody and wanted by nobody else: it is linked (match_reason = the rule,
 * match_detail = the value that matched);</li>
 * <li>otherwise the match is uncertain and goes to the review queue ({@code account_match_review}) instead of being
 * applied: several candidates; a candidate bound to another sourcedId; or a known person with a re-issued sourcedId (one
 * candidate, bound to a sourcedId no longer in the roster, with the same email and name), proposed as a link. The person
 * gets no account until an admin accepts a candidate or rejects them (a new account).</li>
 * </ul>
 * Nobody else gets a new account (match_reason NEW). An account is never created twice nor matched to two people.
 * Rostered accounts whose person left the roster are deactivated (never deleted: their history and manual licenses stay).
 */
public final class AccountMatcher {

    /** The OneRoster roles that hold licenses, mapped to the account roles. */
    public static final String ACCOUNT_ROLE = """
            CASE lower(u.role) WHEN 'student' THEN 'STUDENT' WHEN 'teacher' THEN 'TEACHER' WHEN 'aide' THEN 'AIDE'
                 WHEN 'administrator' THEN 'ADMINISTRATOR' WHEN 'districtadministrator' THEN 'ADMINISTRATOR'
                 WHEN 'siteadministrator' THEN 'ADMINISTRATOR' WHEN 'systemadministrator' THEN 'ADMINISTRATOR'
                 WHEN 'principal' THEN 'ADMINISTRATOR' END""";

    /** The rules an order may name. */
    public static final List<String> RULES = List.of("SOURCED_ID", "IDENTIFIER", "EMAIL", "LOGIN");

    private static final String ACTIVE_PERSON = " u.district_id = ? AND u.status = 'active' AND (" + ACCOUNT_ROLE + ") IS NOT NULL ";

    /** Account column and person column each rule compares (case-insensitively). */
    private static final Map<String, String[]> COLUMNS = Map.of(
            "IDENTIFIER", new String[]{"sis_identifier", "identifier", "SIS identifier"},
            "EMAIL", new String[]{"email", "email", "email"},
            "LOGIN", new String[]{"login", "login", "login"});

    private AccountMatcher() {
    }

    /** The district's own rule order, or null when it follows the deployment's. */
    public static List<String> districtOrder(Connection c, UUID districtId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT account_match_order FROM safety_settings WHERE district_id = ?")) {
            ps.setObject(1, districtId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getArray(1) == null) {
                    return null;
                }
                return List.of((String[]) rs.getArray(1).getArray());
            }
        }
    }

    public static Map<String, Long> match(Connection c, UUID districtId, List<String> defaultOrder, Instant now) throws SQLException {
        List<String> own = districtOrder(c, districtId);
        List<String> order = new ArrayList<>();
        for (String rule : own != null ? own : defaultOrder) {
            String r = rule.trim().toUpperCase(Locale.ROOT);
            if (!RULES.contains(r)) {
                throw new IllegalStateException("unknown account match rule " + rule + "; use " + String.join(", ", RULES));
            }
            if (!r.equals("SOURCED_ID") && !order.contains(r)) {
                order.add(r);
            }
        }
        Map<String, Long> result = new LinkedHashMap<>();
        result.put("matchedBySourcedId", (long) Jdbc.update(c, """
                UPDATE account a SET match_reason = 'SOURCED_ID', match_detail = 'sourcedId ' || a.sourced_id, matched_at = ?, updated_at = ?
                FROM roster_user u
                WHERE a.district_id = ? AND a.sourced_id = u.sourced_id AND a.match_reason IS NULL AND
                """ + ACTIVE_PERSON, now, now, districtId, districtId));

        // The people still without an account, and what each rule decides for them.
        Jdbc.update(c, """
                CREATE TEMP TABLE match_person ON COMMIT DROP AS
                SELECT u.sourced_id, lower(NULLIF(u.email, '')) AS email, lower(NULLIF(u.username, '')) AS login,
                       lower(NULLIF(u.identifier, '')) AS identifier, lower(u.given_name) AS given_name, lower(u.family_name) AS family_name
                FROM roster_user u
                WHERE""" + ACTIVE_PERSON + """
                  AND NOT EXISTS (SELECT 1 FROM account a WHERE a.district_id = u.district_id AND a.sourced_id = u.sourced_id)""",
                districtId);
        Jdbc.update(c, "ALTER TABLE match_person ADD PRIMARY KEY (sourced_id)");
        Jdbc.analyze(c, "match_person");
        Jdbc.update(c, """
                CREATE TEMP TABLE match_decision (person text PRIMARY KEY, outcome text NOT NULL, rule text NOT NULL, value text,
                                                  account_ids uuid[] NOT NULL, kind text, detail text) ON COMMIT DROP""");
        for (String rule : order) {
            decide(c, districtId, rule);
        }
        for (String rule : order) {
            String[] cols = COLUMNS.get(rule);
            result.put("matchedBy" + rule.charAt(0) + rule.substring(1).toLowerCase(Locale.ROOT), (long) Jdbc.update(c, """
                    UPDATE account a SET sourced_id = d.person, match_reason = d.rule, matched_at = ?, updated_at = ?,
                           match_detail = '%s ' || d.value || ' matched this account, the only one with it'
                    FROM match_decision d WHERE d.outcome = 'BIND' AND d.rule = ? AND a.id = d.account_ids[1]""".formatted(cols[2]),
                    now, now, rule));
        }
        result.put("awaitingReview", (long) Jdbc.update(c, """
                INSERT INTO account_match_review (id, district_id, sourced_id, kind, rule, matched_value, candidate_account_ids, detail,
                                                  created_at, updated_at)
                SELECT gen_random_uuid(), ?, d.person, d.kind, d.rule, d.value, d.account_ids, d.detail, ?, ?
                FROM match_decision d WHERE d.outcome = 'REVIEW'
                ON CONFLICT (district_id, sourced_id) WHERE status = 'OPEN' DO UPDATE
                  SET kind = EXCLUDED.kind, rule = EXCLUDED.rule, matched_value = EXCLUDED.matched_value,
                      candidate_account_ids = EXCLUDED.candidate_account_ids, detail = EXCLUDED.detail, updated_at = EXCLUDED.updated_at""",
                districtId, now, now));
        // Open reviews that are no longer uncertain (the person left, or has an account now): closed by the sync.
        Jdbc.update(c, """
                UPDATE account_match_review r SET status = 'RESOLVED', decided_by = 'sync', decided_at = ?, updated_at = ?,
                       note = CASE WHEN EXISTS (SELECT 1 FROM account a WHERE a.district_id = r.district_id AND a.sourced_id = r.sourced_id)
                                   THEN 'the person has an account now' ELSE 'the person is no longer in the roster or no longer uncertain' END
                WHERE r.district_id = ? AND r.status = 'OPEN'
                  AND NOT EXISTS (SELECT 1 FROM match_decision d WHERE d.person = r.sourced_id AND d.outcome = 'REVIEW')""",
                now, now, districtId);

        // Matched accounts follow the SIS: names, email, login, SIS identifier, role, and they are active again.
        result.put("updated", (long) Jdbc.update(c, """
                UPDATE account a SET given_name = COALESCE(u.given_name, a.given_name), family_name = COALESCE(u.family_name, a.family_name),
                       email = COALESCE(u.email, a.email), login = COALESCE(u.username, a.login),
                       sis_identifier = COALESCE(NULLIF(u.identifier, ''), a.sis_identifier), role = (""" + ACCOUNT_ROLE + """
                       ), active = true, updated_at = ?
                FROM roster_user u
                WHERE a.district_id = u.district_id AND a.sourced_id = u.sourced_id AND
                """ + ACTIVE_PERSON + """
                  AND (a.given_name, a.family_name, a.email, a.login, a.sis_identifier, a.role, a.active) IS DISTINCT FROM
                      (COALESCE(u.given_name, a.given_name), COALESCE(u.family_name, a.family_name), COALESCE(u.email, a.email),
                       COALESCE(u.username, a.login), COALESCE(NULLIF(u.identifier, ''), a.sis_identifier), (""" + ACCOUNT_ROLE + "), true)",
                now, districtId));
        result.put("created", (long) Jdbc.update(c, """
                INSERT INTO account (id, district_id, sourced_id, email, login, sis_identifier, given_name, family_name, role, origin,
                                     match_reason, match_detail, matched_at, active, created_at, updated_at)
                SELECT gen_random_uuid(), u.district_id, u.sourced_id, u.email, u.username, NULLIF(u.identifier, ''), COALESCE(u.given_name, ''),
                       COALESCE(u.family_name, ''), (""" + ACCOUNT_ROLE + """
                       ), 'ROSTERED', 'NEW', ?, ?, true, ?, ?
                FROM match_person p JOIN roster_user u ON u.district_id = ? AND u.sourced_id = p.sourced_id
                -- The people without an account when matching began, less those a rule bound or sent to review. (Not an
                -- anti-join on account itself: the statement would re-read the rows it inserts, quadratically.)
                WHERE NOT EXISTS (SELECT 1 FROM match_decision d WHERE d.person = p.sourced_id)""",
                "a new account: no existing account matched by " + String.join(", ", order.stream().map(r -> COLUMNS.get(r)[2]).toList()),
                now, now, now, districtId));
        Jdbc.analyzeIfChanged(c, "account", result.get("created"));
        result.put("deactivated", (long) Jdbc.update(c, """
                UPDATE account a SET active = false, updated_at = ?
                WHERE a.district_id = ? AND a.origin = 'ROSTERED' AND a.active AND a.sourced_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM roster_user u WHERE a.sourced_id = u.sourced_id AND """ + ACTIVE_PERSON + ")",
                now, districtId, districtId));
        Jdbc.update(c, "DROP TABLE match_person");
        Jdbc.update(c, "DROP TABLE match_decision");
        return result;
    }

    /**
     * One rule over the people no earlier rule decided: each person with candidates is decided now, BIND when certain,
     * REVIEW (with the kind of doubt) otherwise. Candidates are accounts with the same value (case-insensitive) that are
     * bound to someone or active (an unbound inactive account was merged away or retired).
     */
    private static void decide(Connection c, UUID districtId, String rule) throws SQLException {
        String[] cols = COLUMNS.get(rule);
        Jdbc.update(c, """
                INSERT INTO match_decision (person, outcome, rule, value, account_ids, kind, detail)
                WITH cand AS (
                    -- An account an earlier rule gives to someone in this run counts as bound to them.
                    SELECT p.sourced_id AS person, p.%2$s AS value, a.id AS account_id, COALESCE(a.sourced_id, taken.person) AS bound_to,
                           a.sourced_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM roster_user r WHERE r.district_id = a.district_id
                               AND r.sourced_id = a.sourced_id AND r.status = 'active') AS bound_to_gone,
                           lower(a.email) = p.email AND lower(a.given_name) = p.given_name
                               AND lower(a.family_name) = p.family_name AS same_person
                    FROM match_person p
                    JOIN account a ON a.district_id = ? AND lower(a.%1$s) = p.%2$s AND (a.sourced_id IS NOT NULL OR a.active)
                    LEFT JOIN match_decision taken ON taken.outcome = 'BIND' AND taken.account_ids[1] = a.id
                    WHERE p.%2$s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM match_decision d WHERE d.person = p.sourced_id)),
                shared AS (SELECT account_id FROM cand GROUP BY account_id HAVING count(DISTINCT person) > 1),
                per_person AS (
                    SELECT person, min(value) AS value, array_agg(account_id ORDER BY account_id) AS ids, count(*) AS n,
                           bool_and(bound_to IS NULL) AS free, bool_and(bound_to_gone AND same_person) AS reissued,
                           bool_or(account_id IN (SELECT account_id FROM shared)) AS contested,
                           string_agg(COALESCE(bound_to, ''), ', ' ORDER BY account_id) FILTER (WHERE bound_to IS NOT NULL) AS bound
                    FROM cand GROUP BY person)
                SELECT person,
                       CASE WHEN n = 1 AND free AND NOT contested THEN 'BIND' ELSE 'REVIEW' END, ?, value, ids,
                       CASE WHEN n = 1 AND free AND NOT contested THEN NULL
                            WHEN n = 1 AND reissued THEN 'REISSUED_SOURCED_ID'
                            WHEN n > 1 OR free THEN 'SEVERAL_CANDIDATES'
                            ELSE 'CANDIDATE_BOUND_ELSEWHERE' END,
                       CASE WHEN n = 1 AND free AND NOT contested THEN NULL
                            WHEN n = 1 AND reissued THEN 'Same email and name as the account of ' || bound || ', which is no longer in the '
                                 || 'roster: probably the same person with a re-issued sourcedId. Accept to link the account (it keeps its '
                                 || 'licenses and history), or reject to create a new one.'
                            WHEN n > 1 THEN '%3$s ' || value || ' matches ' || n || ' accounts; accept the right one, or reject to create a new account.'
                            WHEN free THEN '%3$s ' || value || ' matches an account that another incoming person matches too; accept it '
                                 || 'for this person, or reject to create a new account.'
                            ELSE '%3$s ' || value || ' matches the account bound to sourcedId ' || bound || '; reject to create a '
                                 || 'new account for this person, or accept to move that account to them (only once ' || bound
                                 || ' has left the roster).' END
                FROM per_person""".formatted(cols[0], cols[1], cols[2]), districtId, rule);
    }

    /** Validates a rule order for the settings API: known rules, no repeats, SOURCED_ID (when named) first. */
    public static String problem(List<String> order) {
        if (order.isEmpty()) {
            return "name at least one rule, e.g. SOURCED_ID, IDENTIFIER, EMAIL, LOGIN";
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < order.size(); i++) {
            String r = order.get(i) == null ? "" : order.get(i);
            if (!RULES.contains(r)) {
                return i + ":is not a rule; use SOURCED_ID, IDENTIFIER, EMAIL or LOGIN";
            }
            if (!seen.add(r)) {
                return i + ":names " + r + " twice";
            }
            if (r.equals("SOURCED_ID") && i > 0) {
                return i + ":SOURCED_ID comes first: an account that holds the person's sourcedId is always theirs";
            }
        }
        return null;
    }
}
