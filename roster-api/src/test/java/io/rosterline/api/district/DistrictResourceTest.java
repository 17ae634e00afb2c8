package io.rosterline.api.district;

import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class DistrictResourceTest {

    @Test
    void support_creates_a_district_with_the_defaults_and_it_starts_in_setup() {
        as(Tokens.support()).body(Map.of("name", "Cedar Valley USD", "state", "CA"))
                .post("/api/v1/districts")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/districts/"))
                .body("name", equalTo("Cedar Valley USD"))
                .body("timezone", equalTo("America/Los_Angeles"))
                .body("scheduleMode", equalTo("SETUP"))
                .body("platform", equalTo("ONEROSTER_API"))
                .body("nightlyWindow.start", equalTo("00:00"))
                .body("nightlyWindow.end", equalTo("02:00"));
    }

    @Test
    void a_district_admin_cannot_create_districts() {
        as(Tokens.districtAdmin(Districts.harbor())).body(Map.of("name", "Sneaky", "state", "CA"))
                .post("/api/v1/districts")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://rosterline.io/problems/forbidden"));
    }

    @Test
    void a_district_admin_lists_only_their_own_district() {
        UUID harbor = Districts.harbor();
        Districts.lakeside();
        as(Tokens.districtAdmin(harbor)).get("/api/v1/districts")
                .then().statusCode(200)
                .body("items.id", everyItem(equalTo(harbor.toString())))
                .body("total", equalTo(1));
        as(Tokens.support()).get("/api/v1/districts?size=200")
                .then().statusCode(200)
                .body("items.id", hasItem(Tokens.LAKESIDE.toString()))
                .body("items.id", hasItem(harbor.toString()));
    }

    @Test
    void a_district_admin_changes_the_timezone_and_window_of_their_district_and_it_is_audited() {
        UUID district = Districts.fresh("Pine Ridge SD");
        as(Tokens.districtAdmin(district))
                .body(Map.of("timezone", "America/Denver", "nightlyWindow", Map.of("start", "01:00", "end", "03:30")))
                .put("/api/v1/districts/" + district)
                .then().statusCode(200)
                .body("timezone", equalTo("America/Denver"))
                .body("nightlyWindow.start", equalTo("01:00"))
                .body("nightlyWindow.end", equalTo("03:30"));
        as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/audit")
                .then().statusCode(200)
                .body("items[0].action", equalTo("district.updated"))
                .body("items[0].actor", startsWith("admin-"))
                .body("items[0].before.timezone", equalTo("America/Los_Angeles"))
                .body("items[0].after.timezone", equalTo("America/Denver"));
    }

    @Test
    void a_district_admin_cannot_rename_their_district() {
        UUID district = Districts.fresh("Oak Grove SD");
        as(Tokens.districtAdmin(district)).body(Map.of("name", "Renamed"))
                .put("/api/v1/districts/" + district)
                .then().statusCode(403)
                .body("errors[0].field", equalTo("name"));
        as(Tokens.support()).get("/api/v1/districts/" + district).then().body("name", equalTo("Oak Grove SD"));
    }

    @Test
    void an_unknown_timezone_is_refused_naming_the_field_and_nothing_changes() {
        UUID district = Districts.fresh("Maple SD");
        as(Tokens.support()).body(Map.of("timezone", "Mars/Olympus_Mons", "name", "Changed too"))
                .put("/api/v1/districts/" + district)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://rosterline.io/problems/validation"))
                .body("errors[0].field", equalTo("timezone"))
                .body("errors[0].message", containsString("America/Los_Angeles"));
        as(Tokens.support()).get("/api/v1/districts/" + district)
                .then().body("timezone", equalTo("America/Los_Angeles")).body("name", equalTo("Maple SD"));
    }

    @Test
    void malformed_fields_are_each_named() {
        as(Tokens.support())
                .body(Map.of("name", "", "state", "California", "ncesId", "12", "nightlyWindow", Map.of("start", "25:00", "end", "2am")))
                .post("/api/v1/districts")
                .then().statusCode(400)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("state"))
                .body("errors.field", hasItem("ncesId"))
                .body("errors.field", hasItem("nightlyWindow.start"))
                .body("errors.field", hasItem("nightlyWindow.end"));
    }

    @Test
    void a_wrong_enum_value_names_the_field_and_lists_the_choices() {
        as(Tokens.support()).body(Map.of("name", "Birch SD", "state", "CA", "platform", "CLEVER"))
                .post("/api/v1/districts")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("platform"))
                .body("errors[0].message", containsString("ONEROSTER_CSV"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void broken_json_is_a_plain_bad_request_without_internals() {
        as(Tokens.support()).body("{\"name\": ").post("/api/v1/districts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("The request body is not valid JSON."))
                .body(not(containsString("jackson")));
    }

    @Test
    void a_window_that_ends_when_it_starts_is_refused() {
        as(Tokens.support())
                .body(Map.of("name", "Aspen SD", "state", "CO", "nightlyWindow", Map.of("start", "01:00", "end", "01:00")))
                .post("/api/v1/districts")
                .then().statusCode(400).body("errors[0].field", equalTo("nightlyWindow.end"));
    }

    @Test
    void archiving_pauses_the_district_and_hides_it_from_the_default_list() {
        UUID district = Districts.fresh("Willow SD");
        as(Tokens.support()).delete("/api/v1/districts/" + district)
                .then().statusCode(200).body("archived", equalTo(true)).body("scheduleMode", equalTo("PAUSED"));
        as(Tokens.support()).get("/api/v1/districts?size=200").then().body("items.id", not(hasItem(district.toString())));
        as(Tokens.support()).get("/api/v1/districts?includeArchived=true&size=200").then().body("items.id", hasItem(district.toString()));
    }

    @Test
    void an_unknown_district_is_a_plain_404() {
        as(Tokens.support()).get("/api/v1/districts/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://rosterline.io/problems/not-found"));
    }

    @Test
    void me_tells_an_admin_their_roles_and_districts() {
        as(Tokens.districtAdmin(Tokens.HARBOR)).get("/api/v1/me")
                .then().statusCode(200)
                .body("roles", hasItem("district-admin"))
                .body("districtIds", hasItem(Tokens.HARBOR.toString()))
                .body("support", equalTo(false));
    }
}
