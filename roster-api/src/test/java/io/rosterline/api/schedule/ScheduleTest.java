package io.rosterline.api.schedule;

import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Setup;
import io.rosterline.api.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static io.rosterline.api.support.Setup.base;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ScheduleTest {

    @Test
    void given_a_new_district_going_live_is_refused_listing_every_missing_step_and_nothing_changes() {
        UUID district = Districts.fresh("Not Ready SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).get(base(district) + "/schedule").then().statusCode(200)
                .body("mode", equalTo("SETUP")).body("summary", equalTo("Not syncing yet"))
                .body("nightlyWindow.start", equalTo("00:00")).body("timezone", equalTo("America/Los_Angeles"));
        as(admin).body(Map.of("mode", "LIVE", "nightlyWindow", Map.of("start", "01:00", "end", "03:00")))
                .put(base(district) + "/schedule")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("cannot go live yet"))
                .body("errors.message", hasItem("Choose schools: No schools discovered yet"))
                .body("errors.message", hasItem(containsString("Map licenses to courses")))
                .body("errors.size()", equalTo(7));
        as(admin).get(base(district) + "/schedule").then()
                .body("mode", equalTo("SETUP")).body("nightlyWindow.start", equalTo("00:00")).body("liveBlockers.size()", equalTo(7));
    }

    @Test
    void pausing_with_a_new_window_and_time_zone_shows_in_the_checklist_and_a_bad_time_zone_changes_nothing() {
        UUID district = Districts.fresh("Paused SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).body(Map.of("mode", "PAUSED", "timezone", "Mars/Olympus_Mons")).put(base(district) + "/schedule")
                .then().statusCode(400).body("errors[0].field", equalTo("timezone"));
        as(admin).body(Map.of("nightlyWindow", Map.of("start", "25:00", "end", "02:00"))).put(base(district) + "/schedule")
                .then().statusCode(400).body("errors[0].field", equalTo("nightlyWindow.start"));
        as(admin).body(Map.of()).put(base(district) + "/schedule").then().statusCode(400).body("errors[0].field", equalTo("mode"));
        as(admin).get(base(district) + "/schedule").then().body("mode", equalTo("SETUP")).body("timezone", equalTo("America/Los_Angeles"));

        as(admin).body(Map.of("mode", "PAUSED", "timezone", "America/Denver", "nightlyWindow", Map.of("start", "01:00", "end", "03:30")))
                .put(base(district) + "/schedule").then().statusCode(200)
                .body("mode", equalTo("PAUSED")).body("timezone", equalTo("America/Denver")).body("nightlyWindow.end", equalTo("03:30"));
        assertEquals(new Setup.StepView("NEEDS_ATTENTION", "Paused; the nightly sync does not run"), Setup.step(district, "SCHEDULE"));
        as(admin).get(base(district) + "/audit").then().body("items.action", hasItem("schedule.mode-changed"));
    }

    @Test
    void an_integrator_may_read_the_schedule_but_not_change_it() {
        UUID district = Districts.fresh("Integrator Schedule SD");
        as(Tokens.integrator(district)).get(base(district) + "/schedule").then().statusCode(200);
        as(Tokens.integrator(district)).body(Map.of("mode", "PAUSED")).put(base(district) + "/schedule").then().statusCode(403);
        as(Tokens.districtAdmin(Districts.harbor())).body(Map.of("mode", "PAUSED")).put(base(district) + "/schedule").then().statusCode(403);
        as(Tokens.support()).get(base(district) + "/schedule").then().body("mode", equalTo("SETUP"));
    }
}
