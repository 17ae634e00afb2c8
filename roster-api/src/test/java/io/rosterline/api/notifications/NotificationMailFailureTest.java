package io.rosterline.api.notifications;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Await;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.rosterline.api.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An SMTP server that cannot be reached never fails what wrote the notification: the failed run is failed for its own
 * reason, the notification is listed with the mail error, and the mail is retried later.
 */
@QuarkusTest
@TestProfile(NotificationMailFailureTest.SmtpDown.class)
class NotificationMailFailureTest {

    /** The real mailer (no mock) pointed at a local port nobody listens on. */
    public static class SmtpDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(closedPort()), "quarkus.mailer.start-tls", "DISABLED",
                    "rosterline.notifications.dispatch-every", "1s");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void given_an_unreachable_mail_server_when_a_run_fails_then_the_failure_is_recorded_listed_and_retried_and_nothing_else_breaks() {
        UUID district = Districts.fresh("Mail-down district " + UUID.randomUUID().toString().substring(0, 6));
        String admin = Tokens.districtAdmin(district);
        Map<String, Object> settings = new java.util.HashMap<>(as(admin).get("/api/v1/districts/" + district + "/safety-settings")
                .then().statusCode(200).extract().jsonPath().getMap(""));
        settings.put("notificationEmail", "rostering@mail-down.example");
        as(admin).body(settings).put("/api/v1/districts/" + district + "/safety-settings").then().statusCode(200);

        // A worker gives up a run (the database's failed-run trigger writes the notification).
        UUID run = UUID.fromString(as(admin).body(Map.of("kind", "MANUAL_IMPORT")).post("/api/v1/districts/" + district + "/runs")
                .then().statusCode(202).extract().path("id"));
        Map<String, Object> claim = Map.of();
        for (int i = 0; i < 20 && !run.toString().equals(claim.get("runId")); i++) {
            // Runs other tests left queued are claimed first (oldest first); their leases simply expire.
            claim = as(Tokens.syncWorker()).body(Map.of("workerId", "mail-down-worker")).post("/api/v1/worker/claims")
                    .then().statusCode(200).extract().jsonPath().getMap("");
        }
        assertTrue(run.toString().equals(claim.get("runId")), "claimed our run: " + claim);
        as(Tokens.syncWorker()).header("Lease-Token", claim.get("leaseToken").toString())
                .body(Map.of("error", "The OneRoster 1.1 server refused the credentials (HTTP 401)."))
                .post("/api/v1/worker/runs/" + run + "/fail").then().statusCode(204);
        as(admin).get("/api/v1/districts/" + district + "/runs/" + run).then().statusCode(200).body("status", equalTo("FAILED"));

        // The dispatcher tries, fails, records why and schedules a retry; the notification is listed all along.
        Await.untilTrue("the mail tried", Duration.ofSeconds(20), () -> attempts(district) >= 1);
        as(admin).get("/api/v1/districts/" + district + "/notifications").then().statusCode(200)
                .body("items[0].kind", equalTo("RUN_FAILED"))
                .body("items[0].emailStatus", equalTo("PENDING"))
                .body("items[0].emailTo", equalTo("rostering@mail-down.example"))
                .body("items[0].emailError", notNullValue());
        as(admin).get("/api/v1/districts/" + district + "/runs/" + run).then().statusCode(200).body("status", equalTo("FAILED"))
                .body("error", equalTo("The OneRoster 1.1 server refused the credentials (HTTP 401)."));
    }

    private long attempts(UUID district) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(max(email_attempts), 0) FROM notification WHERE district_id = ?")) {
            ps.setObject(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
