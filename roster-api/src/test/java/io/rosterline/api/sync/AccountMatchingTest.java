package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.support.Tokens;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.User;
import io.rosterline.sis.oneroster.OneRosterRestReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explainable account matching against the sandbox SIS with the real worker engine: the SIS identifier rule in the
 * district's rule order, the match reason through the API, and uncertain matches (several candidates, a candidate bound
 * elsewhere, a re-issued sourcedId) waiting in the review queue until an admin accepts or rejects them.
 */
@QuarkusTest
class AccountMatchingTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    private static String base(SyncFixture f) {
        return "/api/v1/districts/" + f.district;
    }

    private static UUID run(SyncFixture f, String kind, String status) {
        String admin = Tokens.districtAdmin(f.district);
        UUID run = UUID.fromString(as(admin).body(Map.of("kind", kind)).post(base(f) + "/runs").then().statusCode(202).extract().path("id"));
        assertTrue(f.runWorker().get(0).succeeded());
        as(admin).get(base(f) + "/runs/" + run).then().statusCode(200).body("status", equalTo(status));
        return run;
    }

    /** Licensed students as the sandbox sends them, that Rosterline does not know yet. */
    private static List<User> newStudents(SyncFixture f) {
        Set<String> licensed = f.expected().students();
        Set<String> known = f.strings("SELECT sourced_id FROM roster_user WHERE district_id = ?", f.district);
        List<User> students = new ArrayList<>();
        try (OneRosterRestReader reader = f.reader()) {
            reader.read(RosterCollection.USERS, null, r -> {
                User u = (User) r;
                if (licensed.contains(u.sourcedId()) && !known.contains(u.sourcedId())) {
                    students.add(u);
                }
            }, new ReadReport());
        }
        students.sort(java.util.Comparator.comparing(User::sourcedId));
        return students;
    }

    private static UUID account(SyncFixture f, String sourcedId, String email, String identifier, String given, String family,
                                String origin) {
        UUID id = UUID.randomUUID();
        f.sql("INSERT INTO account (id, district_id, sourced_id, email, sis_identifier, given_name, family_name, role, origin) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 'STUDENT', ?)", id, f.district, sourcedId, email, identifier, given, family, origin);
        return id;
    }

    private static String accountOf(SyncFixture f, String sourcedId) {
        Set<String> ids = f.strings("SELECT id::text FROM account WHERE district_id = ? AND sourced_id = ?", f.district, sourcedId);
        return ids.isEmpty() ? null : ids.iterator().next();
    }

    private static Map<String, Object> settings(SyncFixture f) {
        return new HashMap<>(as(Tokens.districtAdmin(f.district)).get(base(f) + "/safety-settings").then().statusCode(200)
                .extract().jsonPath().getMap(""));
    }

    @Test
    void given_accounts_from_before_rosterline_when_the_district_syncs_then_the_sis_identifier_rule_matches_in_the_districts_order_and_says_so() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            // A district without its own order follows the deployment's, which the settings name so the SPA can show it.
            as(admin).get(base(f) + "/safety-settings").then().statusCode(200).body("accountMatchOrder", equalTo(null))
                    .body("standardAccountMatchOrder", equalTo(List.of("SOURCED_ID", "IDENTIFIER", "EMAIL", "LOGIN")));

            // Given: for one student an old account with their student number, and another with their email.
            User first = newStudents(f).get(0);
            UUID byIdentifier = account(f, null, "legacy-" + first.sourcedId() + "@old.example", first.identifier(), "A", "Legacy", "MANUAL");
            UUID byEmail = account(f, null, first.email().toUpperCase(), null, "B", "Legacy", "MANUAL");

            // When the district syncs with the default order (SOURCED_ID, IDENTIFIER, EMAIL, LOGIN): the SIS identifier wins.
            run(f, "SYNC_LICENSES", "APPLIED");
            assertEquals(byIdentifier.toString(), accountOf(f, first.sourcedId()));
            as(admin).get(base(f) + "/accounts?matchReason=IDENTIFIER").then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].id", equalTo(byIdentifier.toString()))
                    .body("items[0].sisIdentifier", equalTo(first.identifier()))
                    .body("items[0].matchDetail", equalTo("SIS identifier " + first.identifier().toLowerCase()
                            + " matched this account, the only one with it"));
            as(admin).get(base(f) + "/accounts?q=" + first.sourcedId()).then().statusCode(200).body("items[0].matchReason", equalTo("IDENTIFIER"));
            as(admin).get(base(f) + "/users/" + first.sourcedId() + "/licenses/" + f.studentProduct + "/why").then().statusCode(200)
                    .body("matchReason", equalTo("IDENTIFIER")).body("usableToday", equalTo(true));
            long created = f.count("SELECT count(*) FROM account WHERE district_id = ? AND match_reason = 'NEW'", f.district);
            as(admin).get(base(f) + "/accounts?matchReason=NEW&size=1").then().statusCode(200).body("total", equalTo((int) created))
                    .body("items[0].matchDetail", containsString("no existing account matched by SIS identifier, email, login"));
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND sourced_id IS NULL", byEmail), "the other stays unbound");

            // Bad input names the field and changes nothing.
            Map<String, Object> bad = settings(f);
            bad.put("accountMatchOrder", List.of("SOURCED_ID", "PHONE"));
            as(admin).body(bad).put(base(f) + "/safety-settings").then().statusCode(400)
                    .body("errors[0].field", equalTo("accountMatchOrder[1]"));
            bad.put("accountMatchOrder", List.of("EMAIL", "SOURCED_ID"));
            as(admin).body(bad).put(base(f) + "/safety-settings").then().statusCode(400)
                    .body("errors[0].field", equalTo("accountMatchOrder[1]"));
            as(admin).get(base(f) + "/safety-settings").then().statusCode(200).body("accountMatchOrder", equalTo(null));

            // The district puts email before the SIS identifier; a student who arrives later is matched by email.
            Map<String, Object> emailFirst = settings(f);
            emailFirst.put("accountMatchOrder", List.of("SOURCED_ID", "EMAIL", "IDENTIFIER", "LOGIN"));
            emailFirst.put("standardAccountMatchOrder", List.of("LOGIN")); // read-only: a client cannot change the deployment's
            as(admin).body(emailFirst).put(base(f) + "/safety-settings").then().statusCode(200)
                    .body("accountMatchOrder", equalTo(List.of("SOURCED_ID", "EMAIL", "IDENTIFIER", "LOGIN")))
                    .body("standardAccountMatchOrder", equalTo(List.of("SOURCED_ID", "IDENTIFIER", "EMAIL", "LOGIN")));
            f.sis.roster().addStudents(3, null);
            User later = newStudents(f).get(0);
            UUID laterByIdentifier = account(f, null, null, later.identifier(), "C", "Legacy", "MANUAL");
            UUID laterByEmail = account(f, null, later.email(), null, "D", "Legacy", "MANUAL");
            run(f, "SYNC_LICENSES", "APPLIED");
            assertEquals(laterByEmail.toString(), accountOf(f, later.sourcedId()));
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND sourced_id IS NULL", laterByIdentifier));
            as(admin).get(base(f) + "/accounts?matchReason=EMAIL").then().statusCode(200).body("items.id", hasItem(laterByEmail.toString()));
            as(Tokens.districtAdmin(UUID.randomUUID())).get(base(f) + "/accounts").then().statusCode(403);
        }
    }

    @Test
    void given_uncertain_matches_when_the_district_syncs_then_they_wait_in_the_review_queue_until_an_admin_accepts_or_rejects() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            run(f, "SYNC_LICENSES", "APPLIED");
            f.sis.roster().addStudents(6, null);
            List<User> arriving = newStudents(f);
            assertTrue(arriving.size() >= 3, "new licensed students: " + arriving.size());
            User several = arriving.get(0);
            User bound = arriving.get(1);
            User reissued = arriving.get(2);

            // Given: two accounts with the same email as one newcomer; an account bound to an old sourcedId with another's
            // email but a different name; and the account of a known person under the sourcedId the SIS used before,
            // with a manual license (their history).
            UUID twinA = account(f, null, several.email(), null, "Twin", "A", "MANUAL");
            UUID twinB = account(f, null, several.email().toUpperCase(), null, "Twin", "B", "MANUAL");
            UUID elsewhere = account(f, "legacy-" + bound.sourcedId(), bound.email(), null, "Someone", "Else", "ROSTERED");
            UUID known = account(f, "old-" + reissued.sourcedId(), reissued.email(), null, reissued.givenName(), reissued.familyName(), "ROSTERED");
            f.sql("INSERT INTO license_assignment (district_id, account_id, product_id, pool_id, source, assigned_by) "
                    + "VALUES (?, ?, ?, ?, 'MANUAL', 'support')", f.district, known, f.teacherProduct, f.teacherPool);

            // The staged import already shows the re-issued sourcedId as a readiness finding, proposing the link.
            UUID staged = run(f, "MANUAL_IMPORT", "STAGED");
            as(admin).get(base(f) + "/readiness").then().statusCode(200)
                    .body("findings.find { it.kind == 'REISSUED_SOURCED_ID' }.records.accountId", hasItem(known.toString()))
                    .body("findings.find { it.kind == 'REISSUED_SOURCED_ID' }.blocking", equalTo(true));

            // When it is applied: nobody is matched silently; the three wait in the review queue, without an account.
            as(admin).post(base(f) + "/runs/" + staged + "/apply").then().statusCode(200).body("status", equalTo("APPLIED"))
                    .body("applyReport.accounts.awaitingReview", equalTo(3));
            for (User u : List.of(several, bound, reissued)) {
                assertEquals(null, accountOf(f, u.sourcedId()), u.sourcedId() + " has no account yet");
            }
            Response queue = as(admin).get(base(f) + "/account-reviews").then().statusCode(200).body("total", equalTo(3)).extract().response();
            assertEquals("SEVERAL_CANDIDATES", queue.path("items.find { it.person.sourcedId == '" + several.sourcedId() + "' }.kind"));
            assertEquals(List.of(twinA.toString(), twinB.toString()).stream().sorted().toList(),
                    queue.<List<String>>path("items.find { it.person.sourcedId == '" + several.sourcedId() + "' }.candidates.id"));
            assertEquals("CANDIDATE_BOUND_ELSEWHERE", queue.path("items.find { it.person.sourcedId == '" + bound.sourcedId() + "' }.kind"));
            assertEquals("REISSUED_SOURCED_ID", queue.path("items.find { it.person.sourcedId == '" + reissued.sourcedId() + "' }.kind"));
            as(admin).get(base(f) + "/readiness").then().statusCode(200)
                    .body("findings.find { it.kind == 'ACCOUNT_REVIEW' }.count", equalTo(3));
            String reviewOf = "items.find { it.person.sourcedId == '%s' }.id";
            String severalReview = queue.path(reviewOf.formatted(several.sourcedId()));
            String boundReview = queue.path(reviewOf.formatted(bound.sourcedId()));
            String reissuedReview = queue.path(reviewOf.formatted(reissued.sourcedId()));

            // The next nightly does not decide for the admin either: still three, no duplicates.
            run(f, "SYNC_LICENSES", "APPLIED");
            as(admin).get(base(f) + "/account-reviews").then().statusCode(200).body("total", equalTo(3));

            // Accept the proposed link: the known account follows the new sourcedId and keeps its history.
            as(Tokens.integrator(f.district)).post(base(f) + "/account-reviews/" + reissuedReview + "/accept").then().statusCode(403);
            as(admin).post(base(f) + "/account-reviews/" + reissuedReview + "/accept").then().statusCode(200)
                    .body("status", equalTo("ACCEPTED")).body("accountId", equalTo(known.toString()));
            assertEquals(known.toString(), accountOf(f, reissued.sourcedId()));
            assertEquals(1, f.count("SELECT count(*) FROM license_assignment WHERE account_id = ? AND source = 'MANUAL'", known));
            as(admin).get(base(f) + "/account-merges").then().statusCode(200).body("items[0].kind", equalTo("LINK"))
                    .body("items[0].accountId", equalTo(known.toString()));

            // Several candidates: the admin must say which (bad input names the field and changes nothing), then accepts one.
            as(admin).body(Map.of()).post(base(f) + "/account-reviews/" + severalReview + "/accept").then().statusCode(400)
                    .body("errors[0].field", equalTo("accountId"));
            as(admin).body(Map.of("accountId", elsewhere.toString())).post(base(f) + "/account-reviews/" + severalReview + "/accept")
                    .then().statusCode(400).body("errors[0].field", equalTo("accountId"));
            assertEquals(null, accountOf(f, several.sourcedId()));
            as(admin).body(Map.of("accountId", twinB.toString())).post(base(f) + "/account-reviews/" + severalReview + "/accept")
                    .then().statusCode(200).body("status", equalTo("ACCEPTED"));
            assertEquals(twinB.toString(), accountOf(f, several.sourcedId()));

            // Bound elsewhere: the admin rejects it, so the newcomer gets an account of their own and the other stays as it was.
            as(admin).post(base(f) + "/account-reviews/" + boundReview + "/reject").then().statusCode(200)
                    .body("status", equalTo("REJECTED"));
            String own = accountOf(f, bound.sourcedId());
            assertNotEquals(null, own);
            assertNotEquals(elsewhere.toString(), own);
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND sourced_id = ?", elsewhere, "legacy-" + bound.sourcedId()));
            as(admin).post(base(f) + "/account-reviews/" + boundReview + "/accept").then().statusCode(409);
            as(admin).get(base(f) + "/accounts?matchReason=NEW&q=" + bound.sourcedId()).then().statusCode(200)
                    .body("items[0].matchReason", equalTo("NEW")).body("items[0].matchDetail", containsString("rejected"));

            // Decided: the queue is empty, the readiness finding gone, and the next sync licenses all three.
            as(admin).get(base(f) + "/account-reviews").then().statusCode(200).body("total", equalTo(0));
            as(admin).get(base(f) + "/account-reviews?status=ALL").then().statusCode(200).body("items.status",
                    containsInAnyOrder("ACCEPTED", "ACCEPTED", "REJECTED"));
            as(admin).get(base(f) + "/readiness").then().statusCode(200).body("findings.kind", not(hasItem("ACCOUNT_REVIEW")));
            run(f, "SYNC_LICENSES", "APPLIED");
            Set<String> holders = f.holders(f.studentProduct, "ROSTERED");
            assertTrue(holders.containsAll(List.of(several.sourcedId(), bound.sourcedId(), reissued.sourcedId())), holders::toString);
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE id = ? AND active", known), "the known account is active again");
            assertEquals(2, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'account-review.accepted'", f.district));
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'account-review.rejected'", f.district));
        }
    }
}
