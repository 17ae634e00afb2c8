package io.rosterline.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rosterline.api.common.PageResult;
import io.rosterline.api.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Records every configuration change in the caller's transaction, so a change and its audit entry land together. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AuditTrail {

    /** Field names whose values never reach the audit trail in clear. */
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i).*(secret|password|passphrase|privatekey|token|ciphertext).*");
    public static final String MASK = "********";

    @Inject
    ObjectMapper objectMapper;
    @Inject
    CurrentUser currentUser;

    public void record(UUID districtId, String action, String entity, Object entityId, Object before, Object after) {
        AuditEvent event = new AuditEvent();
        event.districtId = districtId;
        event.at = Instant.now();
        event.actor = currentUser.actor();
        event.action = action;
        event.entity = entity;
        event.entityId = entityId == null ? null : entityId.toString();
        event.beforeState = toMaskedJson(before);
        event.afterState = toMaskedJson(after);
        event.persist();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PageResult<AuditEntry> page(UUID districtId, int page, int size) {
        var query = AuditEvent.find("districtId = ?1 order by at desc, id desc", districtId);
        long total = query.count();
        java.util.List<AuditEntry> items = PageResult.startsPastEnd(page, size, total) ? java.util.List.of()
                : query.page(page, size).<AuditEvent>list().stream().map(this::toEntry).toList();
        return new PageResult<>(items, page, size, total);
    }

    private AuditEntry toEntry(AuditEvent e) {
        return new AuditEntry(e.id, e.at, e.actor, e.action, e.entity, e.entityId, readTree(e.beforeState), readTree(e.afterState));
    }

    private JsonNode readTree(String json) {
        try {
            return json == null ? null : objectMapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored audit state is not JSON", e);
        }
    }

    String toMaskedJson(Object state) {
        if (state == null) {
            return null;
        }
        JsonNode tree = objectMapper.valueToTree(state);
        mask(tree);
        return tree.toString();
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (SECRET_FIELD.matcher(field.getKey()).matches() && !field.getValue().isNull()
                        && !field.getValue().isBoolean() && !field.getKey().endsWith("Set") && !field.getKey().endsWith("LastFour")) {
                    field.setValue(object.textNode(MASK));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(AuditTrail::mask);
        }
    }
}
