package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Why does this person hold this license?" over a district synced from the sandbox SIS by the real worker engine. */
@QuarkusTest
class LicenseWhyTest {

    @jakarta.inject.Inject
    io.rosterline.api.support.TestClock clock;

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String why(UUID district, String user, UUID product) {
        return "/api/v1/districts/" + district + "/users/" + user + "/licenses/" + product + "/why";
    }

    @Test
    void why_answers_for_a_licensed_student_an_unmapped_course_and_a_term_that_has_not_started() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            as(Tokens.districtAdmin(f.district)).body(Map.of("kind", "SYNC_LICENSES")).post("/api/v1/districts/" + f.district + "/runs")
                    .then().statusCode(202);
            assertTrue(f.runWorker().get(0).succeeded());
            String admin = Tokens.districtAdmin(f.district);

            // A licensed student, asked for by sourcedId and by account id: the whole chain holds.
            String licensed = f.strings("SELECT min(a.sourced_id) FROM license_assignment la JOIN account a ON a.id = la.account_id "
                    + "WHERE la.product_id = ? AND la.effective_start <= current_date", f.studentProduct).iterator().next();
            String accountId = f.strings("SELECT id::text FROM account WHERE district_id = ? AND sourced_id = ?", f.district, licensed)
                    .iterator().next();
            for (String user : List.of(licensed, accountId)) {
                as(admin).get(why(f.district, user, f.studentProduct)).then().statusCode(200)
                        .body("usableToday", equalTo(true))
                        .body("source", equalTo("ROSTERED"))
                        .body("missing", nullValue())
                        .body("accountId", equalTo(accountId))
                        .body("chain.step", contains("ENROLLMENT", "CLASS", "COURSE_MAPPING", "TERM", "POOL", "ASSIGNMENT"))
                        .body("chain.ok", contains(true, true, true, true, true, true));
            }

            // A term that has not started: before the school year opens, the first missing link is the term's start.
            clock.setTo(Instant.parse("2026-08-01T18:00:00Z"));
            String firstTerm = f.strings("""
                    SELECT s.sourced_id FROM roster_enrollment e JOIN roster_class k ON k.district_id = e.district_id AND k.sourced_id = e.class_sourced_id
                    JOIN course_license cl ON cl.district_id = k.district_id AND cl.course_sourced_id = k.course_sourced_id AND cl.product_id = ?
                    JOIN roster_session s ON s.district_id = k.district_id AND s.sourced_id = ANY (k.term_sourced_ids)
                    WHERE e.district_id = ? AND e.user_sourced_id = ? AND e.status = 'active'
                    ORDER BY s.start_date, s.sourced_id LIMIT 1""", f.studentProduct, f.district, licensed).iterator().next();
            String termTitle = f.strings("SELECT title FROM roster_session WHERE district_id = ? AND sourced_id = ?", f.district, firstTerm).iterator().next();
            LocalDate termStart = LocalDate.parse(f.strings("SELECT start_date::text FROM roster_session WHERE district_id = ? AND sourced_id = ?",
                    f.district, firstTerm).iterator().next());
            assertTrue(termStart.isAfter(LocalDate.of(2026, 8, 1)), "the sandbox year starts after August 1st");
            as(admin).get(why(f.district, licensed, f.studentProduct)).then().statusCode(200)
                    .body("usableToday", equalTo(false))
                    .body("missing", equalTo("Term " + termTitle + " starts on " + termStart + "; override start not set."))
                    .body("chain.step", contains("ENROLLMENT", "CLASS", "COURSE_MAPPING", "TERM"));
            // The admin opens every term of the student's classes early: the term link holds again.
            f.sql("""
                    INSERT INTO sis_academic_session (district_id, sourced_id, title, session_type, start_date, end_date, override_start)
                    SELECT district_id, sourced_id, title, COALESCE(session_type, 'term'), start_date, end_date, DATE '2026-07-25'
                    FROM roster_session WHERE district_id = ?""", f.district);
            as(admin).get(why(f.district, licensed, f.studentProduct)).then().statusCode(200)
                    .body("chain.find { it.step == 'TERM' }.ok", equalTo(true));
            clock.reset();

            // The course of the student's classes is no longer mapped to the student edition.
            f.sql("DELETE FROM course_license WHERE district_id = ? AND product_id = ?", f.district, f.studentProduct);
            String courseLabel = f.strings("""
                    SELECT COALESCE(c.course_code, c.title, k.course_sourced_id) FROM roster_enrollment e
                    JOIN roster_class k ON k.district_id = e.district_id AND k.sourced_id = e.class_sourced_id AND k.status = 'active'
                    LEFT JOIN roster_course c ON c.district_id = k.district_id AND c.sourced_id = k.course_sourced_id
                    WHERE e.district_id = ? AND e.user_sourced_id = ? AND e.status = 'active' AND lower(e.role) = 'student'
                    ORDER BY e.class_sourced_id LIMIT 1""", f.district, licensed).iterator().next();
            String productTitle = f.strings("SELECT title FROM product WHERE id = ?", f.studentProduct).iterator().next();
            as(admin).get(why(f.district, licensed, f.studentProduct)).then().statusCode(200)
                    .body("missing", equalTo("Course " + courseLabel + " is not mapped to " + productTitle + "."))
                    .body("chain.step", contains("ENROLLMENT", "CLASS", "COURSE_MAPPING"))
                    .body("chain[2].ok", equalTo(false));

            // Unknown people and other districts.
            as(admin).get(why(f.district, "no-such-user", f.studentProduct)).then().statusCode(404);
            as(admin).get(why(f.district, licensed, UUID.randomUUID())).then().statusCode(404);
            as(Tokens.districtAdmin(UUID.randomUUID())).get(why(f.district, licensed, f.studentProduct)).then().statusCode(403);
            assertEquals(1, f.count("SELECT count(*) FROM account WHERE district_id = ? AND sourced_id = ?", f.district, licensed));
        }
    }
}
