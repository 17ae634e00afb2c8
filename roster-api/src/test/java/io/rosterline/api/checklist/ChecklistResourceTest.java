package io.rosterline.api.checklist;

import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static io.rosterline.api.support.Api.anonymous;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ChecklistResourceTest {

    @Test
    void given_a_new_district_the_checklist_lists_every_step_in_order_and_blocks_going_live() {
        UUID district = Districts.fresh("Sequoia USD");
        as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/checklist")
                .then().statusCode(200)
                .body("districtName", equalTo("Sequoia USD"))
                .body("steps.key", contains("CREDENTIALS", "SCHOOLS", "COURSES", "LICENSES", "STAGED_REVIEW",
                        "TERM_DATES", "LICENSE_POOL", "READINESS_REVIEW", "SCHEDULE"))
                .body("steps.title", everyItem(notNullValue()))
                .body("steps.summary", everyItem(notNullValue()))
                .body("readyToGoLive", equalTo(false))
                .body("liveBlockers.size()", equalTo((int) java.util.Arrays.stream(ChecklistStep.values()).filter(s -> s.blocksGoLive).count()));
    }

    @Test
    void an_admin_of_another_district_is_refused_the_checklist() {
        Districts.lakeside();
        as(Tokens.districtAdmin(Districts.harbor())).get("/api/v1/districts/" + Tokens.LAKESIDE + "/checklist")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("You don't have access to this district."));
    }

    @Test
    void without_a_token_the_checklist_is_401() {
        anonymous().get("/api/v1/districts/" + Districts.harbor() + "/checklist")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
    }

    @Test
    void the_integrator_of_a_district_reads_its_checklist() {
        UUID harbor = Districts.harbor();
        as(Tokens.integrator(harbor)).get("/api/v1/districts/" + harbor + "/checklist")
                .then().statusCode(200).body("steps", hasSize(ChecklistStep.values().length));
    }
}
