package io.rosterline.api.sync;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.rosterline.api.support.TestClock;
import io.rosterline.api.support.Await;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notifications by email (the mock mailbox of quarkus-mailer): held runs, failed runs and forgotten override dates are
 * listed by the API and mailed to the district's notification address after the roster transaction committed.
 */
@QuarkusTest
class NotificationMailTest {

    @Inject
    AgroalDataSource db;
    @TestHTTPResource("/")
    URL api;
    @Inject
    MockMailbox mailbox;
    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static String base(SyncFixture f) {
        return "/api/v1/districts/" + f.district;
    }

    static String address(SyncFixture f) {
        return "rostering+" + f.district.toString().substring(0, 8) + "@harbor.k12.example";
    }

    static UUID sync(SyncFixture f, String expectedStatus) {
        String admin = Tokens.districtAdmin(f.district);
        UUID run = UUID.fromString(as(admin).body(Map.of("kind", "SYNC_LICENSES")).post(base(f) + "/runs").then().statusCode(202)
                .extract().path("id"));
        assertTrue(f.runWorker().get(0).succeeded(), "an email never fails a sync");
        as(admin).get(base(f) + "/runs/" + run).then().statusCode(200).body("status", equalTo(expectedStatus));
        return run;
    }

    /** The admin sets the notification address, and thresholds so strict that a few leaving students hold a run. */
    static void strictWithAddress(SyncFixture f) {
        String admin = Tokens.districtAdmin(f.district);
        Map<String, Object> settings = new HashMap<>(as(admin).get(base(f) + "/safety-settings").then().statusCode(200)
                .extract().jsonPath().getMap(""));
        settings.putAll(Map.of("notificationEmail", address(f), "userRemovalPercent", 1, "userRemovalMinCount", 1,
                "enrollmentRemovalPercent", 1, "enrollmentRemovalMinCount", 1));
        as(admin).body(settings).put(base(f) + "/safety-settings").then().statusCode(200).body("notificationEmail", equalTo(address(f)));
    }

    private List<Mail> mailsTo(String address, int atLeast) {
        return Await.until(atLeast + " mail(s) to " + address, Duration.ofSeconds(15), () -> {
            List<Mail> mails = mailbox.getMailsSentTo(address);
            return mails != null && mails.size() >= atLeast ? mails : null;
        });
    }

    @Test
    void given_a_notification_address_when_a_run_is_held_and_one_fails_then_the_admins_get_plain_emails_with_a_link_to_the_run() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            sync(f, "APPLIED");
            strictWithAddress(f);
            String admin = Tokens.districtAdmin(f.district);
            String name = f.strings("SELECT name FROM district WHERE id = ?", f.district).iterator().next();

            // When a run is held: one mail, in plain words, with the reason and the link to review the run.
            f.sis.roster().dropStudents(5, null);
            UUID held = sync(f, "HELD");
            Mail heldMail = mailsTo(address(f), 1).get(0);
            assertEquals("[Rosterline] A sync run is held for your review (" + name + ")", heldMail.getSubject());
            assertTrue(heldMail.getText().contains("The district would lose "), heldMail.getText());
            assertTrue(heldMail.getText().contains("Review the held run, then approve or discard it: http://localhost:5173/districts/"
                    + f.district + "/imports?run=" + held), heldMail.getText());
            Response list = as(admin).get(base(f) + "/notifications").then().statusCode(200).extract().response();
            assertEquals("SENT", list.path("items.find { it.kind == 'RUN_HELD' }.emailStatus"));
            assertEquals(address(f), list.path("items.find { it.kind == 'RUN_HELD' }.emailTo"));
            as(admin).post(base(f) + "/runs/" + held + "/discard").then().statusCode(200);

            // When a run fails (the SIS renamed a column): a second mail, with what went wrong and the link to the run.
            f.sis.faults().renamedFields.put("users.email", "emailAddress");
            UUID failed = sync(f, "FAILED");
            Mail failedMail = mailsTo(address(f), 2).get(1);
            assertEquals("[Rosterline] A sync run failed (" + name + ")", failedMail.getSubject());
            assertTrue(failedMail.getText().contains("no longer carry email"), failedMail.getText());
            assertTrue(failedMail.getText().contains("/districts/" + f.district + "/imports?run=" + failed), failedMail.getText());
            as(admin).get(base(f) + "/notifications").then().statusCode(200)
                    .body("items.find { it.kind == 'RUN_FAILED' }.emailStatus", equalTo("SENT"));
        }
    }

    @Test
    void given_an_override_start_date_that_has_passed_and_is_still_set_when_runs_complete_then_it_is_notified_and_mailed_once() {
        try (SyncFixture f = new SyncFixture(db, api.toString(), 300, "oauth2", "ONEROSTER_API")) {
            f.licensed(1000, 1000);
            String admin = Tokens.districtAdmin(f.district);
            clock.setToday(LocalDate.of(2026, 10, 1));
            sync(f, "APPLIED");
            strictWithAddress(f);
            // The admin once opened the fall term early and never removed the date; the term has started since.
            as(admin).post(base(f) + "/terms/refresh").then().statusCode(200);
            as(admin).body(Map.of("overrideStart", "2026-08-01")).put(base(f) + "/terms/as-2027-t1").then().statusCode(200);
            sync(f, "APPLIED");
            sync(f, "APPLIED");

            List<String> bodies = as(admin).get(base(f) + "/notifications").then().statusCode(200).extract()
                    .path("items.findAll { it.kind == 'OVERRIDE_FORGOTTEN' }.body");
            assertEquals(1, bodies.size(), "once, though two runs saw it: " + bodies);
            assertTrue(bodies.get(0).startsWith("Override start date for Fall 2026 Semester passed on 2026-08-01 and is still set."),
                    bodies.get(0));
            Mail mail = mailsTo(address(f), 1).get(0);
            assertEquals(1, mailbox.getMailsSentTo(address(f)).size());
            assertTrue(mail.getSubject().startsWith("[Rosterline] An override start date has passed and is still set"), mail.getSubject());
            assertTrue(mail.getText().contains("Check the term dates: http://localhost:5173/districts/" + f.district + "/term-dates"),
                    mail.getText());
        }
    }
}
