package io.rosterline.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.rosterline.api.support.Api;
import io.rosterline.api.support.Districts;
import io.rosterline.api.support.Tokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail's masking: a state carrying secret-like fields (top level, nested, in arrays, in any case) is stored
 * with those values replaced by the mask, while the hints that are not secrets (secretSet, secretLastFour, booleans)
 * stay readable. Checked on the raw audit_event row, so nothing in between could hide a leak, and on the audit API.
 */
@QuarkusTest
class AuditMaskingTest {

    /** A connection's state the way a service might hand it to the audit trail. */
    public record ConnectionState(String baseUrl, String clientId, String clientSecret, boolean secretSet, String secretLastFour,
                              Map<String, Object> oauth, List<Map<String, String>> keys) {
    }

    private static final String CLIENT_SECRET = "cs-" + UUID.randomUUID();
    private static final String ACCESS_TOKEN = "at-" + UUID.randomUUID();
    private static final String PRIVATE_KEY = "pk-" + UUID.randomUUID();
    private static final String SFTP_PASSWORD = "pw-" + UUID.randomUUID();
    private static final String PASSPHRASE = "pp-" + UUID.randomUUID();
    private static final List<String> SECRETS = List.of(CLIENT_SECRET, ACCESS_TOKEN, PRIVATE_KEY, SFTP_PASSWORD, PASSPHRASE);

    @Inject
    AuditTrail auditTrail;
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper objectMapper;

    private static ConnectionState state(String secret) {
        Map<String, Object> oauth = new LinkedHashMap<>();
        oauth.put("accessToken", ACCESS_TOKEN);
        oauth.put("scope", "roster-core.readonly");
        oauth.put("nested", Map.of("SFTP_PASSWORD", SFTP_PASSWORD, "keyPassphrase", PASSPHRASE));
        return new ConnectionState("https://sis.harbor.k12.example/ims/oneroster/v1p1", "rosterline", secret, true,
                secret.substring(secret.length() - 4), oauth,
                List.of(Map.of("comment", "sis-export@harbor", "privateKey", PRIVATE_KEY)));
    }

    @Test
    void masked_json_replaces_every_secret_like_value_and_keeps_the_hints() throws Exception {
        // The audit trail only works inside the caller's transaction (MANDATORY), like every service that records.
        JsonNode masked = objectMapper.readTree(QuarkusTransaction.requiringNew().call(() -> auditTrail.toMaskedJson(state(CLIENT_SECRET))));

        assertEquals(AuditTrail.MASK, masked.path("clientSecret").asText());
        assertEquals(AuditTrail.MASK, masked.path("oauth").path("accessToken").asText());
        assertEquals(AuditTrail.MASK, masked.path("oauth").path("nested").path("SFTP_PASSWORD").asText(), "matched in any case");
        assertEquals(AuditTrail.MASK, masked.path("oauth").path("nested").path("keyPassphrase").asText());
        assertEquals(AuditTrail.MASK, masked.path("keys").path(0).path("privateKey").asText(), "inside arrays too");
        // What is not a secret stays readable, so the audit still says what changed.
        assertTrue(masked.path("secretSet").asBoolean());
        assertEquals(CLIENT_SECRET.substring(CLIENT_SECRET.length() - 4), masked.path("secretLastFour").asText());
        assertEquals("rosterline", masked.path("clientId").asText());
        assertEquals("roster-core.readonly", masked.path("oauth").path("scope").asText());
        assertEquals("sis-export@harbor", masked.path("keys").path(0).path("comment").asText());
        String text = masked.toString();
        SECRETS.forEach(secret -> assertFalse(text.contains(secret), "the masked JSON holds a secret: " + text));
    }

    @Test
    void a_recorded_change_carrying_secrets_lands_in_audit_event_masked_and_reads_back_masked() throws Exception {
        UUID district = Districts.fresh("Audit Masking USD");
        String newSecret = "cs-new-" + UUID.randomUUID();
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> auditTrail.record(district, "credentials.updated", "sis_credentials", district,
                    state(CLIENT_SECRET), state(newSecret)));
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }

        // The row as stored: neither the old nor the new secret, nor any nested one, in any column.
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT a::text, before_state::text, after_state::text FROM audit_event a "
                     + "WHERE district_id = ? AND action = 'credentials.updated'")) {
            ps.setObject(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                    JsonNode before = objectMapper.readTree(rs.getString(2));
                    JsonNode after = objectMapper.readTree(rs.getString(3));
                    assertEquals(AuditTrail.MASK, before.path("clientSecret").asText());
                    assertEquals(AuditTrail.MASK, after.path("clientSecret").asText());
                    assertEquals(AuditTrail.MASK, after.path("oauth").path("accessToken").asText());
                    assertEquals(newSecret.substring(newSecret.length() - 4), after.path("secretLastFour").asText());
                }
            }
        }
        assertEquals(1, rows.size(), "one audit entry recorded");
        List<String> secrets = new ArrayList<>(SECRETS);
        secrets.add(newSecret);
        for (String secret : secrets) {
            assertFalse(rows.get(0).contains(secret), "audit_event holds a secret in clear: " + rows.get(0));
        }

        // And the audit API shows the entry masked.
        String page = Api.as(Tokens.districtAdmin(district)).get("/api/v1/districts/" + district + "/audit")
                .then().statusCode(200).extract().asString();
        JsonNode entry = objectMapper.readTree(page).path("items").path(0);
        assertEquals("credentials.updated", entry.path("action").asText());
        assertEquals(AuditTrail.MASK, entry.path("after").path("clientSecret").asText());
        assertEquals(AuditTrail.MASK, entry.path("before").path("keys").path(0).path("privateKey").asText());
        for (String secret : secrets) {
            assertFalse(page.contains(secret), "the audit API shows a secret: " + page);
        }
    }
}
