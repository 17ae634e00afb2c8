package io.rosterline.api.licensing;

import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.common.SqlRunner;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Setup;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static io.rosterline.api.support.Setup.base;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class StickyLicenseTest {

    @Inject
    SqlRunner sql;

    private static Map<String, Object> person(String first, String last, String email, String login) {
        return Map.of("givenName", first, "familyName", last, "email", email, "login", login);
    }

    @Test
    void given_a_pool_with_one_seat_when_a_second_sticky_license_is_asked_for_then_it_is_refused_with_409_and_nothing_is_created() {
        UUID district = Districts.fresh("One Seat SD");
        String admin = Tokens.districtAdmin(district);
        UUID product = Setup.product("One Seat Reading TE", "TEACHER");
        UUID pool = Setup.pool(district, product, 1, "ROSTERED");
        as(admin).body(Map.of("account", person("Ana", "Ito", "aito@oneseat.org", "aito"), "productIds", List.of(product)))
                .post(base(district) + "/sticky-licenses").then().statusCode(201).body("[0].poolId", equalTo(pool.toString()));
        as(admin).body(Map.of("account", person("Ben", "Okafor", "bokafor@oneseat.org", "bokafor"), "productIds", List.of(product)))
                .post(base(district) + "/sticky-licenses")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://rosterline.io/problems/conflict"))
                .body("detail", containsString("No seat left for One Seat Reading TE: 1 of 1"));
        as(admin).get(base(district) + "/sticky-licenses").then().body("", hasSize(1)).body("[0].account.familyName", equalTo("Ito"));
        as(admin).get(base(district) + "/license-pools/" + pool).then().body("seatsUsed", equalTo(1)).body("seatsRemaining", equalTo(0));
        // The refused request left no account behind: with a second seat the same person goes through.
        as(admin).body(Map.of("productId", product.toString(), "seats", 2, "startDate", "2026-07-01", "endDate", "2027-06-30", "mode", "ROSTERED"))
                .put(base(district) + "/license-pools/" + pool).then().statusCode(200);
        as(admin).body(Map.of("account", person("Ben", "Okafor", "bokafor@oneseat.org", "bokafor"), "productIds", List.of(product)))
                .post(base(district) + "/sticky-licenses").then().statusCode(201);
        // Seats in use cannot be sold off, and the pool cannot be deleted under them.
        as(admin).body(Map.of("productId", product.toString(), "seats", 1, "startDate", "2026-07-01", "endDate", "2027-06-30", "mode", "ROSTERED"))
                .put(base(district) + "/license-pools/" + pool).then().statusCode(400).body("errors[0].field", equalTo("seats"));
        as(admin).delete(base(district) + "/license-pools/" + pool).then().statusCode(409);
    }

    @Test
    void an_entered_account_must_follow_the_districts_sso_format_and_a_refusal_creates_nothing() {
        UUID district = Districts.fresh("SSO Format SD");
        String admin = Tokens.districtAdmin(district);
        UUID product = Setup.product("SSO History TE", "TEACHER");
        Setup.pool(district, product, 10, "MANUAL");
        as(admin).body(Map.of("emailDomain", "@bad domain", "loginPattern", "[a-z")).put(base(district) + "/sso-format")
                .then().statusCode(400).body("errors[0].field", equalTo("emailDomain"));
        as(admin).body(Map.of("emailDomain", "ssoformat.k12.wa.us", "loginPattern", "[a-z")).put(base(district) + "/sso-format")
                .then().statusCode(400).body("errors[0].field", equalTo("loginPattern"));
        as(admin).get(base(district) + "/sso-format").then().body("emailDomain", equalTo(null));
        as(admin).body(Map.of("emailDomain", "ssoformat.k12.wa.us", "loginPattern", "[a-z]+\\.[a-z]+")).put(base(district) + "/sso-format")
                .then().statusCode(200);

        as(admin).body(Map.of("account", person("Cy", "Moss", "cmoss@gmail.com", "cy.moss")))
                .post(base(district) + "/sticky-licenses").then().statusCode(400).body("errors[0].field", equalTo("account.email"))
                .body("errors[0].message", containsString("ssoformat.k12.wa.us"));
        as(admin).body(Map.of("account", person("Cy", "Moss", "cmoss@ssoformat.k12.wa.us", "cmoss")))
                .post(base(district) + "/sticky-licenses").then().statusCode(400).body("errors[0].field", equalTo("account.login"));
        as(admin).body(Map.of("account", person("", "Moss", "not-an-email", "cy.moss")))
                .post(base(district) + "/sticky-licenses").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("account.givenName", "account.email"));
        as(admin).body(Map.of("productIds", List.of(product)))
                .post(base(district) + "/sticky-licenses").then().statusCode(400).body("errors[0].field", equalTo("accountId"));
        as(admin).get(base(district) + "/sticky-licenses").then().body("", hasSize(0));

        as(admin).body(Map.of("account", person("Cy", "Moss", "CMoss@ssoformat.k12.wa.us", "cy.moss")))
                .post(base(district) + "/sticky-licenses").then().statusCode(201).body("[0].productTitle", equalTo("SSO History TE"));
        as(admin).body(Map.of("account", person("Cy", "Moss", "cmoss@ssoformat.k12.wa.us", "cy.moss")))
                .post(base(district) + "/sticky-licenses").then().statusCode(400).body("errors[0].field", equalTo("account.email"));
    }

    @Test
    void given_a_teacher_rostered_by_the_sync_the_admin_picks_them_and_a_student_edition_may_be_chosen() {
        UUID district = Districts.fresh("Rostered Teacher SD");
        String admin = Tokens.districtAdmin(district);
        UUID teacherEdition = Setup.product("Rostered Art TE", "TEACHER");
        UUID studentEdition = Setup.product("Rostered Art SE", "STUDENT");
        Setup.pool(district, teacherEdition, 5, "ROSTERED");
        Setup.pool(district, studentEdition, 5, "ROSTERED");
        // Given: what the sync pipeline writes for a rostered teacher and a rostered student.
        UUID teacher = UUID.randomUUID();
        UUID student = UUID.randomUUID();
        sql.update("INSERT INTO account (id, district_id, sourced_id, email, login, given_name, family_name, role, origin, match_reason) "
                + "VALUES (?, ?, 't-1', 'lee@rostered.org', 'lee', 'Jo', 'Lee', 'TEACHER', 'ROSTERED', 'NEW'), "
                + "(?, ?, 's-1', 'kid@rostered.org', 'kid', 'Kim', 'Kid', 'STUDENT', 'ROSTERED', 'NEW')", teacher, district, student, district);

        as(admin).get(base(district) + "/sticky-licenses/rostered-staff?search=lee").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(teacher.toString()));
        as(admin).body(Map.of("accountId", student.toString())).post(base(district) + "/sticky-licenses")
                .then().statusCode(400).body("errors[0].field", equalTo("accountId"));
        as(admin).body(Map.of("accountId", teacher.toString(), "productIds", List.of(teacherEdition, studentEdition)))
                .post(base(district) + "/sticky-licenses").then().statusCode(201).body("", hasSize(2))
                .body("edition", org.hamcrest.Matchers.containsInAnyOrder("TEACHER", "STUDENT"));
        as(admin).body(Map.of("accountId", teacher.toString(), "productIds", List.of(teacherEdition)))
                .post(base(district) + "/sticky-licenses").then().statusCode(409).body("detail", containsString("already holds"));
        as(Tokens.districtAdmin(Districts.harbor())).get(base(district) + "/sticky-licenses").then().statusCode(403);
    }
}
