package io.rosterline.api.accounts;

import io.rosterline.api.sync.Jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the rostered people of a district into accounts, set-based. Each active rostered user is matched to an
 * existing account by the configured rule order (sourcedId, then email, then login by default); an account is never
 * created twice and never matched to two people. How an account was matched stays in match_reason. Rostered accounts
 * whose person left the roster are deactivated (never deleted: their history and manual licenses stay).
 */
public final class AccountMatcher {

    /** The OneRoster roles that hold licenses, mapped to the account roles. */
    public static final String ACCOUNT_ROLE = """
            CASE lower(u.role) WHEN 'student' THEN 'STUDENT' WHEN 'teacher' THEN 'TEACHER' WHEN 'aide' THEN 'AIDE'
                 WHEN 'administrator' THEN 'ADMINISTRATOR' WHEN 'districtadministrator' THEN 'ADMINISTRATOR'
                 WHEN 'siteadministrator' THEN 'ADMINISTRATOR' WHEN 'systemadministrator' THEN 'ADMINISTRATOR'
                 WHEN 'principal' THEN 'ADMINISTRATOR' END""";

    private static final String ACTIVE_PERSON = " u.district_id = ? AND u.status = 'active' AND (" + ACCOUNT_ROLE + ") IS NOT NULL ";

    private AccountMatcher() {
    }

    public static Map<String, Long> match(Connection c, UUID districtId, List<String> ruleOrder, Instant now) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        for (String rule : ruleOrder) {
            switch (rule.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "SOURCED_ID" -> result.put("matchedBySourcedId", (long) Jdbc.update(c, """
                        UPDATE account a SET match_reason = 'SOURCED_ID', updated_at = ?
                        FROM roster_user u
                        WHERE a.district_id = ? AND a.sourced_id = u.sourced_id AND a.match_reason IS NULL AND
                        """ + ACTIVE_PERSON, now, districtId, districtId));
                case "EMAIL" -> result.put("matchedByEmail", (long) matchOn(c, districtId, "email", "email", "EMAIL", now));
                case "LOGIN" -> result.put("matchedByLogin", (long) matchOn(c, districtId, "login", "username", "LOGIN", now));
                default -> throw new IllegalStateException("unknown account match rule " + rule + "; use SOURCED_ID, EMAIL, LOGIN");
            }
        }
        // Matched accounts follow the SIS: names, email, login, role, and they are active again.
        result.put("updated", (long) Jdbc.update(c, """
                UPDATE account a SET given_name = COALESCE(u.given_name, a.given_name), family_name = COALESCE(u.family_name, a.family_name),
                       email = COALESCE(u.email, a.email), login = COALESCE(u.username, a.login), role = (""" + ACCOUNT_ROLE + """
                       ), active = true, updated_at = ?
                FROM roster_user u
                WHERE a.district_id = u.district_id AND a.sourced_id = u.sourced_id AND
                """ + ACTIVE_PERSON + """
                  AND (a.given_name, a.family_name, a.email, a.login, a.role, a.active) IS DISTINCT FROM
                      (COALESCE(u.given_name, a.given_name), COALESCE(u.family_name, a.family_name), COALESCE(u.email, a.email),
                       COALESCE(u.username, a.login), (""" + ACCOUNT_ROLE + "), true)", now, districtId));
        result.put("created", (long) Jdbc.update(c, """
                INSERT INTO account (id, district_id, sourced_id, email, login, given_name, family_name, role, origin, match_reason,
                                     active, created_at, updated_at)
                SELECT gen_random_uuid(), u.district_id, u.sourced_id, u.email, u.username, COALESCE(u.given_name, ''),
                       COALESCE(u.family_name, ''), (""" + ACCOUNT_ROLE + """
                       ), 'ROSTERED', 'NEW', true, ?, ?
                FROM roster_user u
                WHERE """ + ACTIVE_PERSON + """
                  AND NOT EXISTS (SELECT 1 FROM account a WHERE a.district_id = u.district_id AND a.sourced_id = u.sourced_id)""",
                now, now, districtId));
        result.put("deactivated", (long) Jdbc.update(c, """
                UPDATE account a SET active = false, updated_at = ?
                WHERE a.district_id = ? AND a.origin = 'ROSTERED' AND a.active AND a.sourced_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM roster_user u WHERE a.sourced_id = u.sourced_id AND """ + ACTIVE_PERSON + ")",
                now, districtId, districtId));
        return result;
    }

    /** Binds unmatched people to an unbound account with the same email (or login), only where the match is unambiguous. */
    private static int matchOn(Connection c, UUID districtId, String accountColumn, String userColumn, String reason, Instant now)
            throws SQLException {
        return Jdbc.update(c, """
                WITH candidate AS (
                    SELECT DISTINCT ON (u.sourced_id) u.sourced_id AS person, a.id AS account_id
                    FROM roster_user u
                    JOIN account a ON a.district_id = u.district_id AND a.sourced_id IS NULL
                                  AND lower(a.%1$s) = lower(u.%2$s)
                    WHERE %3$s AND u.%2$s IS NOT NULL AND u.%2$s <> ''
                      AND NOT EXISTS (SELECT 1 FROM account x WHERE x.district_id = u.district_id AND x.sourced_id = u.sourced_id)
                    ORDER BY u.sourced_id, a.created_at, a.id),
                unambiguous AS (
                    SELECT * FROM candidate c1
                    WHERE NOT EXISTS (SELECT 1 FROM candidate c2 WHERE c2.account_id = c1.account_id AND c2.person <> c1.person))
                UPDATE account a SET sourced_id = m.person, match_reason = '%4$s', updated_at = ?
                FROM unambiguous m WHERE a.id = m.account_id""".formatted(accountColumn, userColumn, ACTIVE_PERSON, reason),
                districtId, now);
    }
}
