package io.rosterline.api.selection;

import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Setup;
import io.rosterline.api.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static io.rosterline.api.support.Setup.base;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class SchoolAndCourseSelectionTest {

    @Test
    void given_loaded_schools_when_a_bulk_selection_names_an_unknown_school_then_it_is_refused_and_nothing_changes() {
        UUID district = Setup.connectedDistrict("Bulk Schools SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).post(base(district) + "/schools/refresh").then().statusCode(200);
        as(admin).body(Map.of("include", List.of(Setup.HIGH_SCHOOL, "sch-9999")))
                .post(base(district) + "/schools/selection")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("include"))
                .body("errors[0].message", containsString("sch-9999"));
        as(admin).get(base(district) + "/schools?included=true").then().body("total", equalTo(0));
    }

    @Test
    void given_loaded_schools_when_the_admin_includes_all_matching_a_search_then_only_those_are_included() {
        UUID district = Setup.connectedDistrict("Search Schools SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).post(base(district) + "/schools/refresh").then().statusCode(200);
        as(admin).body(Map.of("all", true, "included", true, "search", "elementary"))
                .post(base(district) + "/schools/selection")
                .then().statusCode(200).body("changed", equalTo(1)).body("includedTotal", equalTo(1));
        as(admin).get(base(district) + "/schools?included=true").then().body("items[0].sourcedId", equalTo(Setup.ELEMENTARY));
        as(admin).body(Map.of("include", List.of(Setup.HIGH_SCHOOL), "exclude", List.of(Setup.ELEMENTARY)))
                .post(base(district) + "/schools/selection")
                .then().statusCode(200).body("changed", equalTo(2)).body("includedTotal", equalTo(1));
    }

    @Test
    void malformed_school_choices_name_the_field() {
        UUID district = Setup.connectedDistrict("Malformed Schools SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).post(base(district) + "/schools/refresh").then().statusCode(200);
        as(admin).body(Map.of()).put(base(district) + "/schools/" + Setup.HIGH_SCHOOL)
                .then().statusCode(400).body("errors[0].field", equalTo("included"));
        as(admin).body(Map.of("included", "maybe")).put(base(district) + "/schools/" + Setup.HIGH_SCHOOL)
                .then().statusCode(400).body("errors[0].field", equalTo("included"));
        as(admin).body(Map.of("all", true)).post(base(district) + "/schools/selection")
                .then().statusCode(400).body("errors[0].field", equalTo("included"));
        as(admin).body(Map.of("included", true)).put(base(district) + "/schools/sch-unknown")
                .then().statusCode(404).contentType("application/problem+json");
        as(admin).get(base(district) + "/schools?included=true").then().body("total", equalTo(0));
    }

    @Test
    void given_an_include_rule_and_an_exclude_rule_the_exclude_rule_wins_and_an_explicit_choice_wins_over_both() {
        UUID district = Setup.districtWithHighSchool("Rules SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).body(Map.of("matchField", "SUBJECT", "pattern", "Mathematics", "effect", "INCLUDE"))
                .post(base(district) + "/course-rules").then().statusCode(201);
        long exclude = ((Number) as(admin).body(Map.of("matchField", "CODE", "pattern", "MATH-1?", "effect", "EXCLUDE"))
                .post(base(district) + "/course-rules").then().statusCode(201).body("matchingCourses", equalTo(3))
                .extract().path("id")).longValue();
        as(admin).get(base(district) + "/courses/crs-00025").then()
                .body("effectivelyIncluded", equalTo(true)).body("reason", equalTo("INCLUDED_BY_RULE"));
        as(admin).get(base(district) + "/courses/crs-00029").then()
                .body("effectivelyIncluded", equalTo(false)).body("reason", equalTo("EXCLUDED_BY_RULE"))
                .body("ruleId", equalTo((int) exclude));
        as(admin).body(Map.of("included", true)).put(base(district) + "/courses/crs-00029")
                .then().statusCode(200).body("effectivelyIncluded", equalTo(true)).body("reason", equalTo("EXPLICITLY_INCLUDED"));
        java.util.HashMap<String, Object> rulesDecide = new java.util.HashMap<>();
        rulesDecide.put("included", null);
        as(admin).body(rulesDecide).put(base(district) + "/courses/crs-00029")
                .then().statusCode(200).body("explicitChoice", equalTo(null)).body("reason", equalTo("EXCLUDED_BY_RULE"));
        as(admin).delete(base(district) + "/course-rules/" + exclude).then().statusCode(204);
        as(admin).get(base(district) + "/courses/crs-00029").then().body("reason", equalTo("INCLUDED_BY_RULE"));
    }

    @Test
    void given_included_courses_when_their_school_is_excluded_they_are_no_longer_included() {
        UUID district = Setup.districtWithHighSchool("School Gate SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).body(Map.of("include", List.of(Setup.SCIENCE_09))).post(base(district) + "/courses/selection")
                .then().statusCode(200).body("includedTotal", equalTo(1));
        as(admin).body(Map.of("included", false)).put(base(district) + "/schools/" + Setup.HIGH_SCHOOL).then().statusCode(200);
        as(admin).get(base(district) + "/courses/" + Setup.SCIENCE_09).then()
                .body("effectivelyIncluded", equalTo(false)).body("reason", equalTo("SCHOOL_EXCLUDED"));
        as(admin).get(base(district) + "/courses").then().body("total", equalTo(0));
        as(admin).get(base(district) + "/checklist").then().body("steps.find { it.key == 'COURSES' }.state", equalTo("NOT_STARTED"));
    }

    @Test
    void bad_course_selections_and_rules_are_refused_naming_the_field_and_nothing_changes() {
        UUID district = Setup.districtWithHighSchool("Bad Courses SD");
        String admin = Tokens.districtAdmin(district);
        as(admin).body(Map.of("include", List.of(Setup.SCIENCE_09), "exclude", List.of(Setup.SCIENCE_09)))
                .post(base(district) + "/courses/selection").then().statusCode(400).body("errors[0].field", equalTo("exclude"));
        as(admin).body(Map.of("include", List.of(Setup.SCIENCE_09, "crs-nope")))
                .post(base(district) + "/courses/selection").then().statusCode(400).body("errors[0].field", equalTo("include"));
        as(admin).body(Map.of("matchField", "COLOUR", "pattern", "x", "effect", "INCLUDE"))
                .post(base(district) + "/course-rules").then().statusCode(400).body("errors[0].field", equalTo("matchField"))
                .body("errors[0].message", containsString("SUBJECT"));
        as(admin).body(Map.of("matchField", "TITLE", "pattern", " ", "effect", "INCLUDE"))
                .post(base(district) + "/course-rules").then().statusCode(400).body("errors.field", hasItem("pattern"));
        as(admin).body(Map.of("matchField", "TITLE", "pattern", "*", "effect", "INCLUDE"))
                .post(base(district) + "/course-rules").then().statusCode(400).body("errors[0].field", equalTo("pattern"));
        as(admin).delete(base(district) + "/course-rules/not-a-number").then().statusCode(404);
        as(admin).get(base(district) + "/courses?effectivelyIncluded=true").then().body("total", equalTo(0));
        as(admin).get(base(district) + "/course-rules").then().body("size()", equalTo(0));
    }

    @Test
    void courses_cannot_be_loaded_before_a_school_is_chosen() {
        UUID district = Districts.fresh("No Schools Yet SD");
        as(Tokens.districtAdmin(district)).post(base(district) + "/courses/refresh")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Choose at least one school"));
    }

    @Test
    void an_admin_of_another_district_cannot_choose_its_schools_and_an_integrator_may_only_read() {
        UUID district = Setup.connectedDistrict("Tenancy Schools SD");
        as(Tokens.districtAdmin(district)).post(base(district) + "/schools/refresh").then().statusCode(200);
        as(Tokens.districtAdmin(Districts.harbor())).body(Map.of("included", true))
                .put(base(district) + "/schools/" + Setup.HIGH_SCHOOL).then().statusCode(403);
        as(Tokens.integrator(district)).body(Map.of("included", true))
                .put(base(district) + "/schools/" + Setup.HIGH_SCHOOL).then().statusCode(403);
        as(Tokens.integrator(district)).get(base(district) + "/schools").then().statusCode(200).body("total", equalTo(2));
        as(Tokens.districtAdmin(district)).get(base(district) + "/schools?included=true").then().body("total", equalTo(0));
    }
}
