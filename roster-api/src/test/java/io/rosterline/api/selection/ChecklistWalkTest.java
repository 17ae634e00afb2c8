package io.rosterline.api.selection;

import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.SandboxSis;
import io.rosterline.api.support.Setup;
import io.rosterline.api.support.Setup.StepView;
import io.rosterline.api.support.TestClock;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static io.rosterline.api.support.Setup.base;
import static io.rosterline.api.support.Setup.step;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** One district walks steps 3-9 of the checklist; after each action the checklist says what the admin expects. */
@QuarkusTest
class ChecklistWalkTest {

    @Inject
    TestClock clock;
    @Inject
    SqlRunner sql;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void given_a_new_district_when_the_admin_walks_steps_3_to_9_then_the_checklist_follows_each_step() {
        clock.setToday(LocalDate.of(2026, 8, 1));
        UUID district = Districts.fresh("Walkthrough USD");
        String admin = Tokens.districtAdmin(district);
        String path = base(district);

        // Step 3: schools, loaded through the district's saved SIS connection.
        assertEquals(new StepView("NOT_STARTED", "No schools discovered yet"), step(district, "SCHOOLS"));
        as(admin).post(path + "/schools/refresh").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Connect your student information system first"));
        SandboxSis.connect(district);
        assertEquals("DONE", step(district, "CREDENTIALS").state());
        as(admin).post(path + "/schools/refresh").then().statusCode(200)
                .body("discovered", equalTo(2)).body("added", equalTo(2));
        assertEquals(new StepView("NOT_STARTED", "No schools chosen yet (2 found)"), step(district, "SCHOOLS"));
        as(admin).get(path + "/schools?search=high").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].sourcedId", equalTo(Setup.HIGH_SCHOOL)).body("items[0].included", equalTo(false));
        as(admin).body(Map.of("included", true)).put(path + "/schools/" + Setup.HIGH_SCHOOL)
                .then().statusCode(200).body("included", equalTo(true));
        assertEquals(new StepView("DONE", "1 of 2 schools chosen"), step(district, "SCHOOLS"));
        as(admin).get(path + "/schools?included=false").then().body("items.sourcedId", equalTo(List.of(Setup.ELEMENTARY)));

        // Step 4: courses, by rule and by hand.
        assertEquals("NOT_STARTED", step(district, "COURSES").state());
        as(admin).post(path + "/courses/refresh").then().statusCode(200).body("discovered", equalTo(16));
        assertEquals(new StepView("NOT_STARTED", "No courses chosen yet (16 found)"), step(district, "COURSES"));
        long mathRule = ((Number) as(admin).body(Map.of("matchField", "SUBJECT", "pattern", "math*", "effect", "INCLUDE"))
                .post(path + "/course-rules").then().statusCode(201).body("matchingCourses", equalTo(4))
                .extract().path("id")).longValue();
        as(admin).get(path + "/courses?effectivelyIncluded=true").then()
                .body("items.sourcedId", containsInAnyOrder(Setup.HIGH_SCHOOL_MATH.toArray()))
                .body("items.reason", everyItem(equalTo("INCLUDED_BY_RULE")))
                .body("items.ruleId", everyItem(equalTo((int) mathRule)));
        as(admin).body(Map.of("included", true)).put(path + "/courses/" + Setup.SCIENCE_09)
                .then().statusCode(200).body("effectivelyIncluded", equalTo(true)).body("reason", equalTo("EXPLICITLY_INCLUDED"));
        assertEquals(new StepView("DONE", "5 of 16 courses included (4 by rules)"), step(district, "COURSES"));
        // The sync pipeline reads the same set from the view.
        List<String> fromView = sql.list("SELECT sourced_id FROM v_included_course WHERE district_id = ? ORDER BY sourced_id",
                rs -> rs.getString(1), district);
        assertEquals(List.of("crs-00025", "crs-00027", "crs-00029", "crs-00033", "crs-00037"), fromView);

        // Step 5: licenses for every included course.
        assertEquals(new StepView("NOT_STARTED", "None of the 5 included courses has a license yet"), step(district, "LICENSES"));
        UUID teacherEdition = Setup.product("Walk Math Teacher Edition", "TEACHER");
        UUID studentEdition = Setup.product("Walk Math Student Edition", "STUDENT");
        as(admin).body(Map.of("courseSourcedIds", Setup.HIGH_SCHOOL_MATH, "productIds", List.of(teacherEdition, studentEdition)))
                .post(path + "/course-licenses").then().statusCode(200)
                .body("courses", equalTo(4)).body("mappingsAdded", equalTo(8));
        StepView licenses = step(district, "LICENSES");
        assertEquals("NEEDS_ATTENTION", licenses.state());
        assertEquals("1 of 5 included courses have no license (Science Grade 09)", licenses.summary());
        as(admin).body(Map.of("productIds", List.of(teacherEdition))).put(path + "/courses/" + Setup.SCIENCE_09 + "/licenses")
                .then().statusCode(200).body("products.id", equalTo(List.of(teacherEdition.toString())));
        assertEquals(new StepView("DONE", "All 5 included courses have licenses"), step(district, "LICENSES"));

        // Step 8 (pools): rostered pools covering today for every mapped product.
        assertEquals(new StepView("NOT_STARTED", "No license pools yet"), step(district, "LICENSE_POOL"));
        UUID teacherPool = Setup.pool(district, teacherEdition, 10, "MANUAL");
        StepView pools = step(district, "LICENSE_POOL");
        assertEquals("NEEDS_ATTENTION", pools.state());
        assertEquals("No rostered pool covering today for Walk Math Student Edition, Walk Math Teacher Edition", pools.summary());
        as(admin).body(Map.of("productId", teacherEdition.toString(), "seats", 10, "startDate", "2026-07-01", "endDate", "2027-06-30",
                        "mode", "ROSTERED"))
                .put(path + "/license-pools/" + teacherPool).then().statusCode(200).body("mode", equalTo("ROSTERED"));
        assertEquals("No rostered pool covering today for Walk Math Student Edition", step(district, "LICENSE_POOL").summary());
        Setup.pool(district, studentEdition, 200, "ROSTERED");
        assertEquals(new StepView("DONE", "2 products have a rostered pool covering today"), step(district, "LICENSE_POOL"));

        // Step 6: term dates, with time moving past an override.
        assertEquals(new StepView("NOT_STARTED", "No terms discovered yet"), step(district, "TERM_DATES"));
        as(admin).post(path + "/terms/refresh").then().statusCode(200).body("discovered", equalTo(3));
        assertEquals(new StepView("DONE", "3 terms"), step(district, "TERM_DATES"));
        as(admin).body(Map.of("overrideStart", "2026-08-10")).put(path + "/terms/" + Setup.FALL_TERM)
                .then().statusCode(200).body("effectiveStart", equalTo("2026-08-10")).body("warnings", hasSize(0));
        assertEquals(new StepView("DONE", "3 terms, 1 with adjusted dates"), step(district, "TERM_DATES"));
        clock.setToday(LocalDate.of(2026, 9, 1));
        String warning = "Override start date for Fall 2026 Semester passed on 2026-08-10; remove it";
        assertEquals(new StepView("NEEDS_ATTENTION", warning), step(district, "TERM_DATES"));
        as(admin).get(path + "/terms").then().body("find { it.sourcedId == '" + Setup.FALL_TERM + "' }.warnings", equalTo(List.of(warning)));
        Map<String, Object> clear = new HashMap<>();
        clear.put("overrideStart", null);
        as(admin).body(clear).put(path + "/terms/" + Setup.FALL_TERM).then().statusCode(200).body("overrideStart", equalTo(null));
        assertEquals(new StepView("DONE", "3 terms"), step(district, "TERM_DATES"));

        // Step 7: a sticky license for an entered account takes a teacher-edition seat, and gives it back.
        as(admin).body(Map.of("emailDomain", "walkthrough.k12.ca.us", "loginPattern", "[a-z]+")).put(path + "/sso-format")
                .then().statusCode(200).body("emailDomain", equalTo("walkthrough.k12.ca.us"));
        long sticky = ((Number) as(admin).body(Map.of("account", Map.of("givenName", "Dana", "familyName", "Reyes",
                        "email", "dreyes@walkthrough.k12.ca.us", "login", "dreyes"), "note", "Math coach"))
                .post(path + "/sticky-licenses").then().statusCode(201)
                .body("", hasSize(1)).body("[0].edition", equalTo("TEACHER")).body("[0].account.origin", equalTo("MANUAL"))
                .extract().path("[0].id")).longValue();
        as(admin).get(path + "/license-pools/" + teacherPool).then().body("seatsUsed", equalTo(1)).body("seatsRemaining", equalTo(9));
        as(admin).delete(path + "/sticky-licenses/" + sticky).then().statusCode(204);
        as(admin).get(path + "/license-pools/" + teacherPool).then().body("seatsUsed", equalTo(0)).body("seatsRemaining", equalTo(10));

        // Step 9: schedule. Going live is refused while steps owned elsewhere (credentials, import, readiness) are open.
        assertEquals(new StepView("NOT_STARTED", "Not syncing yet"), step(district, "SCHEDULE"));
        as(admin).body(Map.of("mode", "LIVE")).put(path + "/schedule")
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", everyItem(equalTo("mode")))
                .body("errors.message", hasItem(containsString("Import and review")))
                .body("errors.message", not(hasItem(containsString("Connect your student information system"))))
                .body("errors.message", not(hasItem(containsString("Choose schools"))))
                .body("errors.message", not(hasItem(containsString("License pool"))));
        as(admin).get(path + "/schedule").then().body("mode", equalTo("SETUP")).body("readyToGoLive", equalTo(false));
        as(admin).body(Map.of("mode", "PAUSED")).put(path + "/schedule").then().statusCode(200).body("mode", equalTo("PAUSED"));
        assertEquals("NEEDS_ATTENTION", step(district, "SCHEDULE").state());

        // Every change left an audit entry.
        List<String> actions = as(admin).get(path + "/audit?size=200").then().extract().path("items.action");
        for (String action : List.of("schools.refreshed", "school.included", "courses.refreshed", "course-rule.created",
                "course.choice-changed", "course-licenses.bulk-changed", "course-licenses.changed", "license-pool.created",
                "license-pool.updated", "terms.refreshed", "term.dates-changed", "sso-format.changed", "account.created",
                "sticky-license.created", "sticky-license.deleted", "schedule.mode-changed")) {
            org.hamcrest.MatcherAssert.assertThat(actions, hasItem(action));
        }
    }
}
