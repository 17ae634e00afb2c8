package io.rosterline.api.health;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;

/** Given the database is unreachable, readiness must say DOWN so Kubernetes stops sending traffic. */
@QuarkusTest
@TestProfile(ReadinessWithoutDatabaseTest.UnreachableDatabase.class)
class ReadinessWithoutDatabaseTest {

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 9 (discard) refuses connections; everything that needs the database at start is off.
            return Map.of("rosterline.credentials.reencrypt-at-start", "false",
                    "rosterline.sftp.enabled", "false","quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:9/none",
                    "quarkus.flyway.migrate-at-start", "false",
                    "rosterline.demo.seed", "false",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2s");
        }
    }

    @Test
    void readiness_is_down_while_the_database_is_unreachable() {
        RestAssured.get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    @Test
    void liveness_stays_up_so_the_pod_is_not_restarted_for_a_database_outage() {
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
