package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hold thresholds of a district: the school-level ones are set apart from the district-wide ones, and classes
 * under the minimum class size are left out of the school-level judgement. Real worker engine, sandbox SIS.
 */
@QuarkusTest
class SafetyThresholdsTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    private static String base(SyncFixture f) {
        return "/api/v1/districts/" + f.district;
    }

    /** A district of three schools, synced once with every Mathematics student licensed. */
    private SyncFixture syncedDistrict() {
        SyncFixture f = new SyncFixture(db, api.toString(), 1500, "oauth2", "ONEROSTER_API");
        f.licensed(1000, f.expected().students().size() + 200);
        assertEquals("APPLIED", status(f, sync(f)));
        return f;
    }

    private static UUID sync(SyncFixture f) {
        UUID run = UUID.fromString(as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "SYNC_LICENSES"))
                .post(base(f) + "/runs").then().statusCode(202).extract().path("id"));
        assertTrue(f.runWorker().get(0).succeeded());
        return run;
    }

    private static String status(SyncFixture f, UUID run) {
        return as(Tokens.districtAdmin(f.district)).get(base(f) + "/runs/" + run).then().statusCode(200).extract().path("status");
    }

    /** The admin changes some settings and keeps the rest as they are. */
    private static Response change(SyncFixture f, Map<String, Object> changes) {
        Map<String, Object> settings = new HashMap<>(as(Tokens.districtAdmin(f.district)).get(base(f) + "/safety-settings")
                .then().statusCode(200).extract().jsonPath().getMap(""));
        settings.putAll(changes);
        return as(Tokens.districtAdmin(f.district)).body(settings).put(base(f) + "/safety-settings");
    }

    /** District-wide thresholds loose enough that losing one school of three (a third) never trips them. */
    private static final Map<String, Object> LOOSE_DISTRICT = Map.of("userRemovalPercent", 50, "enrollmentRemovalPercent", 50,
            "licenseRemovalPercent", 50);

    @Test
    void given_school_thresholds_apart_from_the_district_wide_ones_when_a_school_drops_out_then_only_the_school_rule_holds_it() {
        try (SyncFixture f = syncedDistrict()) {
            String admin = Tokens.districtAdmin(f.district);
            as(admin).get(base(f) + "/safety-settings").then().statusCode(200)
                    .body("schoolEnrollmentRemovalPercent", nullValue()).body("schoolUserRemovalMinCount", nullValue());

            // Bad input names the field and changes nothing.
            Map<String, Object> bad = new HashMap<>(LOOSE_DISTRICT);
            bad.put("schoolEnrollmentRemovalPercent", 101);
            change(f, bad).then().statusCode(400).body("errors[0].field", equalTo("schoolEnrollmentRemovalPercent"));
            as(admin).get(base(f) + "/safety-settings").then().statusCode(200)
                    .body("enrollmentRemovalPercent", equalTo(10)).body("schoolEnrollmentRemovalPercent", nullValue());

            // Given: district-wide 50 %, per school 10 % of at least 20 records.
            Map<String, Object> settings = new HashMap<>(LOOSE_DISTRICT);
            settings.putAll(Map.of("schoolUserRemovalPercent", 10, "schoolUserRemovalMinCount", 20,
                    "schoolEnrollmentRemovalPercent", 10, "schoolEnrollmentRemovalMinCount", 20));
            change(f, settings).then().statusCode(200).body("schoolEnrollmentRemovalPercent", equalTo(10))
                    .body("schoolUserRemovalMinCount", equalTo(20)).body("enrollmentRemovalPercent", equalTo(50));

            // When the export loses the third school: the school rule holds the run, the district-wide rule does not.
            f.sis.roster().dropSchool(2, null);
            UUID held = sync(f);
            assertEquals("HELD", status(f, held));
            as(admin).get(base(f) + "/runs/" + held + "/hold").then().statusCode(200)
                    .body("findings.scope", everyItem(startsWith("SCHOOL:")))
                    .body("findings.scope", hasItem("SCHOOL:" + f.schools.get(2)))
                    .body("findings.recordType", hasItem("enrollments"));
            as(admin).post(base(f) + "/runs/" + held + "/discard").then().statusCode(200);

            // The school rule relaxed to 100 % (never exceeded): the same change is applied.
            change(f, Map.of("schoolUserRemovalPercent", 100, "schoolEnrollmentRemovalPercent", 100)).then().statusCode(200);
            assertEquals("APPLIED", status(f, sync(f)));
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));
            assertTrue(f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'safety-settings.updated'", f.district) >= 2);
        }
    }

    @Test
    void given_a_minimum_class_size_when_a_school_drops_out_then_classes_under_it_are_not_judged() {
        try (SyncFixture f = syncedDistrict()) {
            String admin = Tokens.districtAdmin(f.district);
            long largestClass = f.count("""
                    SELECT max(n) FROM (SELECT count(*) AS n FROM roster_enrollment WHERE district_id = ? AND status = 'active'
                                        AND lower(role) = 'student' GROUP BY class_sourced_id) k""", f.district);
            assertTrue(largestClass >= 5, "the sandbox's classes have more than five students");

            // With the default minimum (5 students) the school's classes are judged: held.
            change(f, LOOSE_DISTRICT).then().statusCode(200).body("minClassSize", equalTo(5));
            f.sis.roster().dropSchool(2, null);
            UUID held = sync(f);
            assertEquals("HELD", status(f, held));
            List<String> scopes = as(admin).get(base(f) + "/runs/" + held + "/hold").then().statusCode(200).extract().path("findings.scope");
            assertTrue(scopes.contains("SCHOOL:" + f.schools.get(2)), scopes::toString);
            as(admin).post(base(f) + "/runs/" + held + "/discard").then().statusCode(200);

            // A minimum above the largest class: no class is judged, so the school rule has nothing to hold; applied.
            change(f, Map.of("minClassSize", largestClass + 1)).then().statusCode(200).body("minClassSize", equalTo((int) largestClass + 1));
            assertEquals("APPLIED", status(f, sync(f)));
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));
        }
    }
}
