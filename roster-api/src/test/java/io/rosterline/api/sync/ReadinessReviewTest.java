package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness review over a staged import from the sandbox SIS and accounts that existed before Rosterline. */
@QuarkusTest
class ReadinessReviewTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;
    @Inject
    io.rosterline.api.support.TestClock clock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void given_a_review_computed_once_when_accounts_staged_rows_acknowledgements_or_the_day_change_then_the_review_reflects_it() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            String base = "/api/v1/districts/" + f.district;
            UUID run = UUID.fromString(as(admin).body(Map.of("kind", "MANUAL_IMPORT")).post(base + "/runs").then().statusCode(202)
                    .extract().path("id"));
            assertTrue(f.runWorker().get(0).succeeded());

            // Given a review computed once (far in the past: every term is still to start) and served again from its snapshot.
            clock.setToday(java.time.LocalDate.of(1990, 1, 1));
            as(admin).get(base + "/readiness").then().statusCode(200).body("runId", equalTo(run.toString()))
                    .body("findings.kind", hasItem("TERM_NOT_STARTED")).body("findings.kind", not(hasItem("TERM_ENDED")))
                    .body("findings.kind", not(hasItem("DUPLICATE_PERSON"))).body("findings.kind", not(hasItem("ACCOUNT_FORMAT_MATCH")));
            java.util.Set<String> computedAt = f.strings("SELECT computed_at::text FROM readiness_snapshot WHERE district_id = ?", f.district);
            as(admin).get(base + "/readiness").then().statusCode(200).body("findings.kind", hasItem("TERM_NOT_STARTED"));
            as(admin).get(base + "/checklist").then().statusCode(200);
            assertEquals(computedAt, f.strings("SELECT computed_at::text FROM readiness_snapshot WHERE district_id = ?", f.district));

            // When the day changes (far in the future: every term has ended), the term findings follow.
            clock.setToday(java.time.LocalDate.of(2100, 1, 1));
            as(admin).get(base + "/readiness").then().statusCode(200)
                    .body("findings.kind", hasItem("TERM_ENDED")).body("findings.kind", not(hasItem("TERM_NOT_STARTED")));

            // When the staged run gains a record (the same person twice), the duplicate shows.
            String s1 = f.strings("SELECT sourced_id FROM staged_user WHERE run_id = ? AND lower(role) = 'student' AND email IS NOT NULL "
                    + "ORDER BY sourced_id LIMIT 1", run).iterator().next();
            f.sql("INSERT INTO staged_user (run_id, district_id, sourced_id, hash, status, op, role, given_name, family_name, email, username) "
                    + "SELECT run_id, district_id, 'dup-' || sourced_id, 1, 'active', 'U', role, given_name, family_name, email, 'dup-' || username "
                    + "FROM staged_user WHERE run_id = ? AND sourced_id = ?", run, s1);
            as(admin).get(base + "/readiness").then().statusCode(200).body("findings.kind", hasItem("DUPLICATE_PERSON"))
                    .body("findings.find { it.kind == 'DUPLICATE_PERSON' }.acknowledged", equalTo(false));

            // When an account from before Rosterline appears (the email in capitals), the format match shows; once linked, it is gone.
            UUID capitals = UUID.randomUUID();
            String s2 = f.strings("SELECT sourced_id FROM staged_user WHERE run_id = ? AND lower(role) = 'student' AND email IS NOT NULL "
                    + "AND sourced_id <> ? AND sourced_id NOT LIKE 'dup-%' ORDER BY sourced_id LIMIT 1", run, s1).iterator().next();
            f.sql("INSERT INTO account (id, district_id, email, given_name, family_name, role, origin) SELECT ?, district_id, upper(email), "
                    + "given_name, family_name, 'STUDENT', 'MANUAL' FROM staged_user WHERE run_id = ? AND sourced_id = ?", capitals, run, s2);
            as(admin).get(base + "/readiness").then().statusCode(200).body("findings.kind", hasItem("ACCOUNT_FORMAT_MATCH"));
            as(admin).body(Map.of("actions", List.of(Map.of("type", "LINK", "accountId", capitals.toString(), "sourcedId", s2))))
                    .post(base + "/readiness/actions").then().statusCode(200);
            as(admin).get(base + "/readiness").then().statusCode(200).body("findings.kind", not(hasItem("ACCOUNT_FORMAT_MATCH")));

            // When the admin acknowledges the duplicate, the review and the checklist say so at once.
            as(admin).body(Map.of("kind", "DUPLICATE_PERSON")).post(base + "/readiness/acknowledgements").then().statusCode(200)
                    .body("findings.find { it.kind == 'DUPLICATE_PERSON' }.acknowledged", equalTo(true));
            as(admin).get(base + "/readiness").then().statusCode(200)
                    .body("findings.find { it.kind == 'DUPLICATE_PERSON' }.acknowledged", equalTo(true));
        }
    }

    @Test
    void duplicates_and_format_mismatches_are_found_and_link_merge_and_undo_fix_them() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            String base = "/api/v1/districts/" + f.district;
            UUID run = UUID.fromString(as(admin).body(Map.of("kind", "MANUAL_IMPORT")).post(base + "/runs").then().statusCode(202)
                    .extract().path("id"));
            assertTrue(f.runWorker().get(0).succeeded());

            // Given: three students of the import, two accounts from before Rosterline (one with the email in capitals,
            // one at the district's old email domain) and the SIS sending the third student twice under two sourcedIds.
            List<String> students = f.strings("SELECT sourced_id FROM staged_user WHERE run_id = ? AND lower(role) = 'student' "
                    + "AND email IS NOT NULL ORDER BY sourced_id LIMIT 3", run).stream().sorted().toList();
            String s1 = students.get(0), s2 = students.get(1), s3 = students.get(2);
            UUID capitals = UUID.randomUUID();
            UUID oldDomain = UUID.randomUUID();
            f.sql("INSERT INTO account (id, district_id, email, given_name, family_name, role, origin) SELECT ?, district_id, upper(email), "
                    + "given_name, family_name, 'STUDENT', 'MANUAL' FROM staged_user WHERE run_id = ? AND sourced_id = ?", capitals, run, s1);
            f.sql("INSERT INTO account (id, district_id, email, given_name, family_name, role, origin) SELECT ?, district_id, "
                    + "split_part(email, '@', 1) || '@legacy-harbor.example', given_name, family_name, 'STUDENT', 'MANUAL' "
                    + "FROM staged_user WHERE run_id = ? AND sourced_id = ?", oldDomain, run, s2);
            f.sql("INSERT INTO staged_user (run_id, district_id, sourced_id, hash, status, op, role, given_name, family_name, email, username) "
                    + "SELECT run_id, district_id, 'dup-' || sourced_id, 1, 'active', 'U', role, given_name, family_name, email, 'dup-' || username "
                    + "FROM staged_user WHERE run_id = ? AND sourced_id = ?", run, s3);

            Response review = as(admin).get(base + "/readiness").then().statusCode(200)
                    .body("runId", equalTo(run.toString()))
                    .body("done", equalTo(false))
                    .body("findings.kind", hasItem("DUPLICATE_PERSON"))
                    .body("findings.kind", hasItem("ACCOUNT_FORMAT_MATCH"))
                    .body("findings.find { it.kind == 'DUPLICATE_PERSON' }.blocking", equalTo(true))
                    .body("findings.find { it.kind == 'DUPLICATE_PERSON' }.records[0].sourcedIds", containsInAnyOrder(s3, "dup-" + s3))
                    .body("findings.find { it.kind == 'DUPLICATE_PERSON' }.records[0].accountIds", equalTo(java.util.Arrays.asList(null, null)))
                    .body("findings.find { it.kind == 'ACCOUNT_FORMAT_MATCH' }.records.accountId",
                            containsInAnyOrder(capitals.toString(), oldDomain.toString()))
                    .extract().response();
            assertTrue(review.<String>path("findings.find { it.kind == 'ACCOUNT_FORMAT_MATCH' }.suggestedFix").contains("LINK"));
            as(admin).get(base + "/checklist").then().statusCode(200)
                    .body("steps.find { it.key == 'READINESS_REVIEW' }.state", equalTo("NEEDS_ATTENTION"));

            // The admin links both accounts in one action; the mismatch finding is gone.
            as(admin).body(Map.of("actions", List.of(
                            Map.of("type", "LINK", "accountId", capitals.toString(), "sourcedId", s1),
                            Map.of("type", "LINK", "accountId", oldDomain.toString(), "sourcedId", s2))))
                    .post(base + "/readiness/actions").then().statusCode(200).body("kind", equalTo(List.of("LINK", "LINK")));
            as(admin).get(base + "/readiness").then().statusCode(200).body("findings.kind", not(hasItem("ACCOUNT_FORMAT_MATCH")));
            // A link to a sourcedId another account holds is refused, and nothing of the batch is kept.
            as(admin).body(Map.of("actions", List.of(Map.of("type", "LINK", "accountId", oldDomain.toString(), "sourcedId", s1))))
                    .post(base + "/readiness/actions").then().statusCode(409);

            // The duplicate is the SIS's to fix; the admin acknowledges it and the review is done.
            Response acknowledged = as(admin).body(Map.of("kind", "DUPLICATE_PERSON")).post(base + "/readiness/acknowledgements")
                    .then().statusCode(200).extract().response();
            List<String> otherBlocking = acknowledged.path("findings.findAll { it.blocking && !it.acknowledged }.kind");
            assertEquals(List.of(), otherBlocking, "no other blocking finding on the sandbox's data");
            assertEquals(true, acknowledged.path("done"));
            as(admin).get(base + "/checklist").then().statusCode(200)
                    .body("steps.find { it.key == 'READINESS_REVIEW' }.state", equalTo("DONE"));

            // Applied: the linked accounts are the ones the students use (no second account), with their licenses.
            as(admin).post(base + "/runs/" + run + "/apply").then().statusCode(200).body("status", equalTo("APPLIED"));
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE district_id = ? AND sourced_id = ?", f.district, s2));
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND sourced_id = ? AND active", oldDomain, s2));
            assertTrue(f.holders(f.studentProduct, "ROSTERED").contains(s2));

            // The two accounts of the duplicate are merged, with a manual license of the duplicate moving along; then undone.
            // The finding names both accounts (in the order of its sourcedIds): what the MERGE action takes.
            Response applied = as(admin).get(base + "/readiness").then().statusCode(200).extract().response();
            List<String> duplicateIds = applied.path("findings.find { it.kind == 'DUPLICATE_PERSON' }.records[0].sourcedIds");
            List<String> duplicateAccounts = applied.path("findings.find { it.kind == 'DUPLICATE_PERSON' }.records[0].accountIds");
            UUID original = UUID.fromString(duplicateAccounts.get(duplicateIds.indexOf(s3)));
            UUID duplicate = UUID.fromString(duplicateAccounts.get(duplicateIds.indexOf("dup-" + s3)));
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND district_id = ? AND sourced_id = ?", original, f.district, s3));
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND district_id = ? AND sourced_id = ?", duplicate, f.district, "dup-" + s3));
            f.sql("INSERT INTO license_assignment (district_id, account_id, product_id, pool_id, source, assigned_by) VALUES (?, ?, ?, ?, 'MANUAL', 'support')",
                    f.district, duplicate, f.teacherProduct, f.teacherPool);
            UUID merge = UUID.fromString(as(admin).body(Map.of("actions", List.of(Map.of("type", "MERGE", "accountId", original.toString(),
                            "mergeAccountId", duplicate.toString()))))
                    .post(base + "/readiness/actions").then().statusCode(200).body("[0].movedAssignments", equalTo(1))
                    .extract().path("[0].id"));
            assertEquals(0, f.count("SELECT count(*) FROM account WHERE id = ? AND active", duplicate));
            assertEquals(1, f.count("SELECT count(*) FROM license_assignment WHERE account_id = ? AND source = 'MANUAL'", original));
            as(admin).get(base + "/account-merges").then().statusCode(200).body("total", equalTo(3)).body("items[0].kind", equalTo("MERGE"));

            as(admin).post(base + "/account-merges/" + merge + "/undo").then().statusCode(200).body("undoneBy", equalTo("admin-" + f.district.toString().substring(0, 8)));
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND active AND sourced_id = ?", duplicate, "dup-" + s3));
            assertEquals(1, f.count("SELECT count(*) FROM license_assignment WHERE account_id = ? AND source = 'MANUAL'", duplicate));
            assertEquals(0, f.count("SELECT count(*) FROM license_assignment WHERE account_id = ? AND source = 'MANUAL'", original));
            as(admin).post(base + "/account-merges/" + merge + "/undo").then().statusCode(409);
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'account.merge.undone'", f.district));

            // Integrators read but do not act; other districts see nothing.
            as(Tokens.integrator(f.district)).get(base + "/readiness").then().statusCode(200);
            as(Tokens.integrator(f.district)).post(base + "/account-merges/" + merge + "/undo").then().statusCode(403);
            as(Tokens.districtAdmin(UUID.randomUUID())).get(base + "/readiness").then().statusCode(403);
        }
    }

    @Test
    void given_another_request_computing_the_review_then_pages_do_not_wait_for_it_they_get_the_last_findings_marked_refreshing() throws Exception {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 100, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            String base = "/api/v1/districts/" + f.district;
            as(admin).body(Map.of("kind", "MANUAL_IMPORT")).post(base + "/runs").then().statusCode(202);
            assertTrue(f.runWorker().get(0).succeeded());
            // Another session holds the district's computation lock, as a request computing the review does.
            try (java.sql.Connection other = db.getConnection()) {
                other.setAutoCommit(false);
                try (java.sql.PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('readiness'), hashtext(?::text))")) {
                    ps.setObject(1, f.district);
                    ps.execute();
                }
                // No findings stored yet: the review says plainly that it is being computed; the checklist still answers.
                as(admin).get(base + "/readiness").then().statusCode(503).contentType("application/problem+json")
                        .body("type", equalTo("https://rosterline.io/problems/unavailable"));
                as(admin).get(base + "/checklist").then().statusCode(200)
                        .body("steps.find { it.key == 'READINESS_REVIEW' }.state", equalTo("NEEDS_ATTENTION"))
                        .body("steps.find { it.key == 'READINESS_REVIEW' }.summary", org.hamcrest.Matchers.startsWith("Reviewing the roster"));
                other.rollback();
            }
            as(admin).get(base + "/readiness").then().statusCode(200).body("refreshing", equalTo(false))
                    .body("findings.kind", not(hasItem("ACCOUNT_FORMAT_MATCH")));

            // The roster changes (an account from before Rosterline) while another request computes: the last findings, marked.
            String s1 = f.strings("SELECT sourced_id FROM staged_user WHERE district_id = ? AND lower(role) = 'student' AND email IS NOT NULL "
                    + "ORDER BY sourced_id LIMIT 1", f.district).iterator().next();
            f.sql("INSERT INTO account (id, district_id, email, given_name, family_name, role, origin) SELECT ?, district_id, upper(email), "
                    + "given_name, family_name, 'STUDENT', 'MANUAL' FROM staged_user WHERE district_id = ? AND sourced_id = ?",
                    UUID.randomUUID(), f.district, s1);
            try (java.sql.Connection other = db.getConnection()) {
                other.setAutoCommit(false);
                try (java.sql.PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('readiness'), hashtext(?::text))")) {
                    ps.setObject(1, f.district);
                    ps.execute();
                }
                as(admin).get(base + "/readiness").then().statusCode(200).body("refreshing", equalTo(true))
                        .body("findings.kind", not(hasItem("ACCOUNT_FORMAT_MATCH")));
                other.rollback();
            }
            as(admin).get(base + "/readiness").then().statusCode(200).body("refreshing", equalTo(false))
                    .body("findings.kind", hasItem("ACCOUNT_FORMAT_MATCH"));
        }
    }

    @Test
    void given_a_linked_account_when_the_admin_undoes_the_link_then_the_account_is_as_before_and_the_next_sync_gives_the_person_their_own() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            String base = "/api/v1/districts/" + f.district;
            UUID run = UUID.fromString(as(admin).body(Map.of("kind", "MANUAL_IMPORT")).post(base + "/runs").then().statusCode(202)
                    .extract().path("id"));
            assertTrue(f.runWorker().get(0).succeeded());

            // Given: an account from before Rosterline at the district's old email domain, linked to the incoming student.
            String student = f.strings("SELECT min(sourced_id) FROM staged_user WHERE run_id = ? AND lower(role) = 'student' "
                    + "AND email IS NOT NULL", run).iterator().next();
            UUID legacy = UUID.randomUUID();
            f.sql("INSERT INTO account (id, district_id, email, given_name, family_name, role, origin) SELECT ?, district_id, "
                    + "split_part(email, '@', 1) || '@legacy-harbor.example', given_name, family_name, 'STUDENT', 'MANUAL' "
                    + "FROM staged_user WHERE run_id = ? AND sourced_id = ?", legacy, run, student);
            UUID link = UUID.fromString(as(admin).body(Map.of("actions", List.of(
                            Map.of("type", "LINK", "accountId", legacy.toString(), "sourcedId", student))))
                    .post(base + "/readiness/actions").then().statusCode(200).body("[0].kind", equalTo("LINK"))
                    .extract().path("[0].id"));
            as(admin).post(base + "/runs/" + run + "/apply").then().statusCode(200).body("status", equalTo("APPLIED"));
            assertEquals(1, f.count("SELECT count(*) FROM license_assignment WHERE account_id = ? AND product_id = ? AND source = 'ROSTERED'",
                    legacy, f.studentProduct), "the linked account holds the student's license");

            // When the admin undoes the link: the account is as it was, unbound, and the review shows the mismatch again.
            as(admin).post(base + "/account-merges/" + link + "/undo").then().statusCode(200)
                    .body("kind", equalTo("LINK")).body("undoneAt", org.hamcrest.Matchers.notNullValue());
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND sourced_id IS NULL AND match_reason IS NULL "
                    + "AND origin = 'MANUAL' AND active", legacy));
            as(admin).get(base + "/readiness").then().statusCode(200)
                    .body("findings.find { it.kind == 'ACCOUNT_FORMAT_MATCH' }.records.accountId", hasItem(legacy.toString()));
            as(admin).post(base + "/account-merges/" + link + "/undo").then().statusCode(409);
            as(Tokens.districtAdmin(UUID.randomUUID())).post(base + "/account-merges/" + link + "/undo").then().statusCode(403);
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'account.link.undone'", f.district));

            // Then the next sync gives the student an account of their own, and the license follows the roster to it.
            UUID resync = UUID.fromString(as(admin).body(Map.of("kind", "SYNC_LICENSES")).post(base + "/runs").then().statusCode(202)
                    .extract().path("id"));
            assertTrue(f.runWorker().get(0).succeeded());
            as(admin).get(base + "/runs/" + resync).then().statusCode(200).body("status", equalTo("APPLIED"));
            UUID own = UUID.fromString(f.strings("SELECT id::text FROM account WHERE district_id = ? AND sourced_id = ?", f.district, student)
                    .iterator().next());
            assertTrue(!own.equals(legacy), "a new account, not the unlinked one");
            assertTrue(f.holders(f.studentProduct, "ROSTERED").contains(student));
            assertEquals(0, f.count("SELECT count(*) FROM license_assignment WHERE account_id = ? AND source = 'ROSTERED'", legacy));
        }
    }
}
