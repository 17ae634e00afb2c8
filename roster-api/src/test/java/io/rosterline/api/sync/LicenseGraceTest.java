package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.safety.GraceExpiry;
import io.rosterline.api.support.TestClock;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grace period of removed licenses, with the real worker engine against the sandbox SIS. Decision under test: a
 * license in its grace period keeps its seat until the grace ends, so nobody else is promised that seat meanwhile.
 */
@QuarkusTest
class LicenseGraceTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;
    @Inject
    TestClock clock;
    @Inject
    GraceExpiry graceExpiry;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String base(SyncFixture f) {
        return "/api/v1/districts/" + f.district;
    }

    private static String why(SyncFixture f, String user) {
        return base(f) + "/users/" + user + "/licenses/" + f.studentProduct + "/why";
    }

    /** A district whose student pool has exactly as many seats as it has licensed students, all of them taken. */
    private SyncFixture fullDistrict() {
        SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API");
        f.licensed(1000, f.expected().students().size());
        f.syncLicenses();
        assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"));
        return f;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("America/Los_Angeles"));
    }

    private long seatsUsed(SyncFixture f) {
        return as(Tokens.districtAdmin(f.district)).get(base(f) + "/license-pools/" + f.studentPool).then().statusCode(200)
                .extract().<Number>path("seatsUsed").longValue();
    }

    @Test
    void given_the_default_grace_of_0_days_when_students_leave_then_their_licenses_are_removed_at_once() {
        try (SyncFixture f = fullDistrict()) {
            as(Tokens.districtAdmin(f.district)).get(base(f) + "/safety-settings").then().statusCode(200).body("licenseGraceDays", equalTo(0));
            Set<String> before = f.holders(f.studentProduct, "ROSTERED");
            f.sis.roster().dropStudents(5, null);
            assertEquals(0, f.syncLicenses().getInt("applyReport.grace.started"));
            Set<String> left = new HashSet<>(before);
            left.removeAll(f.expected().students());
            assertFalse(left.isEmpty(), "some students left");
            assertEquals(f.expected().students(), f.holders(f.studentProduct, "ROSTERED"), "their licenses are gone");
            assertEquals(0, f.count("SELECT count(*) FROM license_assignment WHERE district_id = ? AND grace_until IS NOT NULL", f.district));
            as(Tokens.districtAdmin(f.district)).get(why(f, left.iterator().next())).then().statusCode(200)
                    .body("usableToday", equalTo(false)).body("graceUntil", nullValue())
                    .body("answer", containsString("does not hold"));
        }
    }

    @Test
    void given_7_days_of_grace_when_students_leave_then_they_keep_license_and_seat_until_the_clock_passes_and_re_enrollment_restores_it() {
        try (SyncFixture f = fullDistrict()) {
            String admin = Tokens.districtAdmin(f.district);
            Map<String, Object> settings = new HashMap<>(as(admin).get(base(f) + "/safety-settings").then().statusCode(200)
                    .extract().jsonPath().getMap(""));
            settings.put("licenseGraceDays", 366);
            as(admin).body(settings).put(base(f) + "/safety-settings").then().statusCode(400)
                    .body("errors[0].field", equalTo("licenseGraceDays"));
            as(admin).get(base(f) + "/safety-settings").then().statusCode(200).body("licenseGraceDays", equalTo(0));
            settings.put("licenseGraceDays", 7);
            as(admin).body(settings).put(base(f) + "/safety-settings").then().statusCode(200).body("licenseGraceDays", equalTo(7));

            // When some students leave and new ones arrive, in a district whose seats are all taken.
            Set<String> before = f.holders(f.studentProduct, "ROSTERED");
            long seats = seatsUsed(f);
            f.sis.roster().dropStudents(5, null);
            f.sis.roster().addStudents(10, null);
            io.restassured.path.json.JsonPath run = f.syncLicenses();
            Set<String> now = f.expected().students();
            Set<String> left = new HashSet<>(before);
            left.removeAll(now);
            Set<String> arrived = new HashSet<>(now);
            arrived.removeAll(before);
            assertFalse(left.isEmpty(), "some students left");
            assertFalse(arrived.isEmpty(), "some students arrived");
            LocalDate graceEnd = today().plusDays(7);

            // Then the leavers keep their license, usable, in grace for 7 days, and still on their seat: the newcomers wait.
            assertEquals(before, f.holders(f.studentProduct, "ROSTERED"));
            assertEquals(left.size(), f.count("SELECT count(*) FROM license_assignment WHERE district_id = ? AND product_id = ? "
                    + "AND grace_until = ?", f.district, f.studentProduct, graceEnd));
            assertEquals(left.size(), run.getInt("applyReport.grace.started"));
            List<String> unseated = run.getList("applyReport.unseated.sourcedId");
            assertTrue(unseated.containsAll(arrived), "no seat is promised twice: " + unseated);
            assertEquals(seats, seatsUsed(f), "a license in grace keeps its seat");
            String leaver = left.iterator().next();
            as(admin).get(why(f, leaver)).then().statusCode(200)
                    .body("usableToday", equalTo(true))
                    .body("graceUntil", equalTo(graceEnd.toString()))
                    .body("answer", containsString("in grace until " + graceEnd))
                    .body("chain.step", hasItem("GRACE"));

            // Re-enrolled inside the grace period (the SIS puts them back): plain rostered licenses again.
            f.sis.reset();
            assertEquals(left.size(), f.syncLicenses().getInt("applyReport.grace.restored"));
            assertEquals(0, f.count("SELECT count(*) FROM license_assignment WHERE district_id = ? AND grace_until IS NOT NULL", f.district));
            as(admin).get(why(f, leaver)).then().statusCode(200)
                    .body("usableToday", equalTo(true)).body("graceUntil", nullValue()).body("chain.step", not(hasItem("GRACE")));

            // They leave again; once the clock passes the end of the grace period the license is no longer usable,
            // and it ends by itself: the expiry frees the seats and says so in the audit trail.
            Set<String> holding = f.holders(f.studentProduct, "ROSTERED");
            f.sis.roster().dropStudents(5, null);
            f.syncLicenses();
            Set<String> leftAgain = new HashSet<>(holding);
            leftAgain.removeAll(f.expected().students());
            assertFalse(leftAgain.isEmpty());
            assertEquals(leftAgain.size(), f.count("SELECT count(*) FROM license_assignment WHERE district_id = ? AND grace_until = ?",
                    f.district, graceEnd));
            String again = leftAgain.iterator().next();
            clock.setTo(clock.instant().plus(Duration.ofDays(7)));
            as(admin).get(why(f, again)).then().statusCode(200).body("usableToday", equalTo(true));
            clock.advance(Duration.ofDays(1));
            as(admin).get(why(f, again)).then().statusCode(200)
                    .body("usableToday", equalTo(false))
                    .body("answer", containsString("the grace period ended on " + graceEnd));
            assertTrue(graceExpiry.expire() >= leftAgain.size());
            assertEquals(0, f.count("SELECT count(*) FROM license_assignment WHERE district_id = ? AND grace_until IS NOT NULL", f.district));
            assertEquals(seats - leftAgain.size(), seatsUsed(f), "their seats are free again");
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'license.grace.expired' "
                    + "AND actor = 'system'", f.district));
            assertEquals(1, f.count("SELECT count(*) FROM audit_event WHERE district_id = ? AND action = 'safety-settings.updated'", f.district));
        }
    }
}
