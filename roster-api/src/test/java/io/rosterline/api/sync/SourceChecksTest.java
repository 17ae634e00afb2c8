package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fail-safe source checks with the real worker engine against the sandbox SIS: a source whose columns drifted, or
 * that shrank in any record type, fails the run with a plain reason before anything is applied; an admin can accept a
 * deliberate change once.
 */
@QuarkusTest
class SourceChecksTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    private static final String ROSTER = """
            SELECT 'u/' || sourced_id || '/' || hash || '/' || status FROM roster_user WHERE district_id = ?
            UNION ALL SELECT 'e/' || sourced_id || '/' || hash || '/' || status FROM roster_enrollment WHERE district_id = ?
            UNION ALL SELECT 'k/' || sourced_id || '/' || hash || '/' || status FROM roster_class WHERE district_id = ?""";
    private static final String STAGED = """
            SELECT (SELECT count(*) FROM staged_user WHERE run_id = ?) + (SELECT count(*) FROM staged_enrollment WHERE run_id = ?)
                 + (SELECT count(*) FROM staged_class WHERE run_id = ?) + (SELECT count(*) FROM staged_org WHERE run_id = ?)
                 + (SELECT count(*) FROM staged_course WHERE run_id = ?) + (SELECT count(*) FROM staged_session WHERE run_id = ?)""";
    private static final String ASSIGNMENTS = "SELECT account_id || '/' || product_id || '/' || source FROM license_assignment WHERE district_id = ?";

    private static String base(SyncFixture f) {
        return "/api/v1/districts/" + f.district;
    }

    private static UUID sync(SyncFixture f) {
        UUID run = UUID.fromString(as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "SYNC_LICENSES"))
                .post(base(f) + "/runs").then().statusCode(202).extract().path("id"));
        assertTrue(f.runWorker().get(0).succeeded());
        return run;
    }

    private SyncFixture syncedDistrict(int students) {
        SyncFixture f = new SyncFixture(db, api.toString(), students, "oauth2", "ONEROSTER_API");
        f.licensed(1000, students + 200);
        UUID first = sync(f);
        as(Tokens.districtAdmin(f.district)).get(base(f) + "/runs/" + first).then().statusCode(200).body("status", equalTo("APPLIED"));
        return f;
    }

    @Test
    void given_a_synced_district_when_the_sis_renames_a_column_then_the_run_fails_without_removals_until_an_admin_accepts_it() {
        try (SyncFixture f = syncedDistrict(300)) {
            String admin = Tokens.districtAdmin(f.district);
            Set<String> roster = f.strings(ROSTER, f.district, f.district, f.district);
            Set<String> assignments = f.strings(ASSIGNMENTS, f.district);
            Set<String> holders = f.holders(f.studentProduct, "ROSTERED");
            long emails = f.count("SELECT count(*) FROM roster_user WHERE district_id = ? AND email IS NOT NULL", f.district);
            assertTrue(emails > 100);

            // When the SIS sends the users' email under another name (a drifted header).
            f.sis.faults().renamedFields.put("users.email", "emailAddress");
            UUID drifted = sync(f);

            // Then the run fails with a plain reason, and nothing changed: roster, license holders, no staged rows left.
            as(admin).get(base(f) + "/runs/" + drifted).then().statusCode(200)
                    .body("status", equalTo("FAILED"))
                    .body("error", containsString("The source's users no longer carry email: " + emails + " of the " + emails
                            + " that had it would lose it, so the email column seems to be missing or renamed since the last good run."))
                    .body("error", containsString("accept-source-change"))
                    // The run says on its own that the source checks stopped it, which check and what changed, not accepted yet.
                    .body("sourceCheck.changes.size()", equalTo(1))
                    .body("sourceCheck.changes[0].check", equalTo("COLUMNS"))
                    .body("sourceCheck.changes[0].column", equalTo("email"))
                    .body("sourceCheck.changes[0].text", equalTo("The source's users no longer carry email: " + emails + " of the "
                            + emails + " that had it would lose it, so the email column seems to be missing or renamed since the last good run."))
                    .body("sourceCheck.failedAt", notNullValue())
                    .body("sourceCheck.accepted", equalTo(false))
                    .body("sourceCheck.acceptedBy", nullValue())
                    .body("sourceCheck.usedByRunId", nullValue());
            as(admin).get(base(f) + "/runs").then().statusCode(200)
                    .body("items.find { it.id == '" + drifted + "' }.sourceCheck.changes[0].check", equalTo("COLUMNS"));
            assertEquals(roster, f.strings(ROSTER, f.district, f.district, f.district), "the roster is unchanged");
            assertEquals(assignments, f.strings(ASSIGNMENTS, f.district), "every license assignment is unchanged");
            assertEquals(holders, f.holders(f.studentProduct, "ROSTERED"));
            assertEquals(0, f.count(STAGED, drifted, drifted, drifted, drifted, drifted, drifted), "no staged rows are left");
            assertEquals(emails, f.count("SELECT count(*) FROM roster_user WHERE district_id = ? AND email IS NOT NULL", f.district));
            as(admin).get(base(f) + "/notifications").then().statusCode(200).body("items.kind", hasItem("RUN_FAILED"));
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'run.failed-safe' AND entity_id = ?",
                    f.district, drifted.toString()));

            // The next night is stopped the same way.
            UUID again = sync(f);
            as(admin).get(base(f) + "/runs/" + again).then().statusCode(200).body("status", equalTo("FAILED"));

            // Only a run the checks stopped can be accepted, by an admin, once.
            UUID applied = UUID.fromString(f.strings("SELECT id::text FROM sync_run WHERE district_id = ? AND status = 'APPLIED'", f.district)
                    .iterator().next());
            as(admin).get(base(f) + "/runs/" + applied).then().statusCode(200).body("sourceCheck", nullValue());
            as(admin).post(base(f) + "/runs/" + applied + "/accept-source-change").then().statusCode(409);
            as(admin).post(base(f) + "/runs/" + UUID.randomUUID() + "/accept-source-change").then().statusCode(404);
            as(Tokens.integrator(f.district)).post(base(f) + "/runs/" + again + "/accept-source-change").then().statusCode(403);
            as(admin).post(base(f) + "/runs/" + again + "/accept-source-change").then().statusCode(200)
                    .body("runId", equalTo(again.toString())).body("acceptedAt", notNullValue())
                    .body("acceptedBy", equalTo("admin-" + f.district.toString().substring(0, 8)));
            as(admin).post(base(f) + "/runs/" + again + "/accept-source-change").then().statusCode(409);
            // Integrators read who accepted it on the run itself.
            as(Tokens.integrator(f.district)).get(base(f) + "/runs/" + again).then().statusCode(200)
                    .body("sourceCheck.accepted", equalTo(true))
                    .body("sourceCheck.acceptedBy", equalTo("admin-" + f.district.toString().substring(0, 8)))
                    .body("sourceCheck.acceptedAt", notNullValue())
                    .body("sourceCheck.usedByRunId", nullValue());
            as(admin).get(base(f) + "/runs/" + drifted).then().statusCode(200).body("sourceCheck.accepted", equalTo(false));
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'run.source-change.accepted'", f.district));

            // The district meant it: the next run is applied (the email column is empty now), and the one after is judged again.
            UUID accepted = sync(f);
            as(admin).get(base(f) + "/runs/" + accepted).then().statusCode(200).body("status", equalTo("APPLIED"))
                    .body("sourceCheck", nullValue());
            as(admin).get(base(f) + "/runs/" + again).then().statusCode(200).body("sourceCheck.usedByRunId", equalTo(accepted.toString()));
            assertEquals(0, f.count("SELECT count(*) FROM roster_user WHERE district_id = ? AND email IS NOT NULL", f.district));
            assertEquals(holders, f.holders(f.studentProduct, "ROSTERED"), "the licenses did not depend on the emails");
            f.sis.faults().renamedFields.clear();
            UUID restored = sync(f);
            as(admin).get(base(f) + "/runs/" + restored).then().statusCode(200).body("status", equalTo("APPLIED"));
            assertEquals(emails, f.count("SELECT count(*) FROM roster_user WHERE district_id = ? AND email IS NOT NULL", f.district));
        }
    }

    @Test
    void given_a_synced_district_when_the_source_loses_most_schools_then_every_record_type_that_shrank_is_named() {
        try (SyncFixture f = syncedDistrict(1500)) {
            assertEquals(3, f.schools.size());
            long enrollments = f.count("SELECT count(*) FROM roster_enrollment WHERE district_id = ? AND status = 'active'", f.district);
            f.sis.roster().dropSchool(1, null);
            f.sis.roster().dropSchool(2, null);
            UUID run = sync(f);
            as(Tokens.districtAdmin(f.district)).get(base(f) + "/runs/" + run).then().statusCode(200)
                    .body("status", equalTo("FAILED"))
                    .body("error", containsString("The source now has 1 active schools, under 50 % of the 3 of the last good run"))
                    .body("error", containsString(" active courses, under 50 % of the "))
                    .body("error", containsString(" active classes, under 50 % of the "))
                    .body("error", containsString(" active users, under 50 % of the "))
                    .body("error", containsString(" active enrollments, under 50 % of the " + enrollments + " of the last good run"))
                    .body("sourceCheck.changes.check", hasItem("SIZE"))
                    .body("sourceCheck.changes.find { it.check == 'SIZE' }.text",
                            startsWith("The source now has 1 active schools, under 50 % of the 3 of the last good run"))
                    .body("sourceCheck.changes.find { it.check == 'SIZE' }.text", not(containsString("accept-source-change")));
            assertEquals(enrollments, f.count("SELECT count(*) FROM roster_enrollment WHERE district_id = ? AND status = 'active'", f.district));
            assertEquals(0, f.count(STAGED, run, run, run, run, run, run));
        }
    }

    @Test
    void given_names_with_accents_when_the_export_arrives_in_another_encoding_then_the_run_fails_without_changes() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            // Given a district whose people's names have accents (Smithé), synced once.
            f.sis.faults().familyNameSuffix = "\u00e9";
            f.licensed(1000, 500);
            as(Tokens.districtAdmin(f.district)).get(base(f) + "/runs/" + sync(f)).then().statusCode(200).body("status", equalTo("APPLIED"));
            Set<String> roster = f.strings(ROSTER, f.district, f.district, f.district);
            Set<String> assignments = f.strings(ASSIGNMENTS, f.district);
            long users = f.count("SELECT count(*) FROM roster_user WHERE district_id = ? AND status = 'active'", f.district);

            // When the export arrives converted twice (UTF-8 bytes read as Latin-1: Smithé becomes SmithÃ©).
            f.sis.faults().latin1Misread = true;
            UUID run = sync(f);
            as(Tokens.districtAdmin(f.district)).get(base(f) + "/runs/" + run).then().statusCode(200)
                    .body("status", equalTo("FAILED"))
                    .body("error", containsString("The source's text arrives in another encoding: " + users + " users changed familyName "
                            + "into its UTF-8 bytes read as Latin-1 ("))
                    .body("error", containsString("\u00e9 became "))
                    .body("error", containsString("\u00c3\u00a9), so the export's file encoding seems to have changed"))
                    .body("sourceCheck.changes.check", hasItem("ENCODING"))
                    .body("sourceCheck.changes.find { it.check == 'ENCODING' }.text", startsWith("The source's text arrives in another "
                            + "encoding: " + users + " users changed familyName"))
                    .body("sourceCheck.accepted", equalTo(false));
            assertEquals(roster, f.strings(ROSTER, f.district, f.district, f.district));
            assertEquals(assignments, f.strings(ASSIGNMENTS, f.district));
            assertEquals(0, f.count(STAGED, run, run, run, run, run, run));
        }
    }
}
