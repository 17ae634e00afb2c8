package io.rosterline.api.terms;

import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Setup;
import io.rosterline.api.support.TestClock;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static io.rosterline.api.support.Setup.base;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class TermDatesTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void given_loaded_terms_when_the_dates_do_not_fit_the_term_then_both_fields_are_named_and_nothing_changes() {
        UUID district = Setup.connectedDistrict("Term Dates SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).post(base(district) + "/terms/refresh").then().statusCode(200).body("added", equalTo(3));
        as(admin).body(Map.of("overrideStart", "2027-01-15", "freezeEnd", "2026-08-15")).put(base(district) + "/terms/" + Setup.FALL_TERM)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("overrideStart", "freezeEnd"))
                .body("errors.find { it.field == 'overrideStart' }.message", containsString("2027-01-15"));
        as(admin).body(Map.of("overrideStart", "soon")).put(base(district) + "/terms/" + Setup.FALL_TERM)
                .then().statusCode(400).body("errors[0].field", equalTo("overrideStart"));
        as(admin).get(base(district) + "/terms").then()
                .body("sourcedId", equalTo(List.of("as-2027", Setup.FALL_TERM, "as-2027-t2")))
                .body("find { it.sourcedId == '" + Setup.FALL_TERM + "' }.overrideStart", equalTo(null))
                .body("find { it.sourcedId == '" + Setup.FALL_TERM + "' }.effectiveEnd", equalTo("2027-01-15"));
        as(admin).body(Map.of("freezeEnd", "2027-01-31")).put(base(district) + "/terms/" + Setup.FALL_TERM)
                .then().statusCode(200).body("effectiveEnd", equalTo("2027-01-31"));
        as(admin).body(Map.of("freezeEnd", "2027-01-31")).put(base(district) + "/terms/as-unknown").then().statusCode(404);
    }

    @Test
    void given_an_override_start_when_the_day_passes_then_the_term_and_the_checklist_warn_until_it_is_removed() {
        clock.setToday(LocalDate.of(2026, 8, 1));
        UUID district = Setup.connectedDistrict("Stale Override SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).post(base(district) + "/terms/refresh").then().statusCode(200);
        as(admin).body(Map.of("overrideStart", "2026-08-10")).put(base(district) + "/terms/as-2027")
                .then().statusCode(200).body("warnings.size()", equalTo(0));
        assertEquals("DONE", Setup.step(district, "TERM_DATES").state());

        clock.setToday(LocalDate.of(2026, 8, 11));
        String warning = "Override start date for 2026-2027 School Year passed on 2026-08-10; remove it";
        as(admin).get(base(district) + "/terms").then().body("find { it.sourcedId == 'as-2027' }.warnings", equalTo(List.of(warning)));
        assertEquals(new Setup.StepView("NEEDS_ATTENTION", warning), Setup.step(district, "TERM_DATES"));
        // Re-loading the terms keeps the admin's adjustment.
        as(admin).post(base(district) + "/terms/refresh").then().statusCode(200).body("added", equalTo(0));
        assertEquals("NEEDS_ATTENTION", Setup.step(district, "TERM_DATES").state());

        java.util.HashMap<String, Object> remove = new java.util.HashMap<>();
        remove.put("overrideStart", null);
        as(admin).body(remove).put(base(district) + "/terms/as-2027").then().statusCode(200).body("warnings.size()", equalTo(0));
        assertEquals(new Setup.StepView("DONE", "3 terms"), Setup.step(district, "TERM_DATES"));
    }
}
