package io.rosterline.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "AuditEntry", example = """
        {"id":42,"at":"2026-11-23T18:00:00Z","actor":"harbor-admin","action":"district.updated","entity":"district",
         "entityId":"d1000000-0000-4000-8000-000000000001","before":{"timezone":"America/Los_Angeles"},"after":{"timezone":"America/Denver"}}""")
public record AuditEntry(long id, Instant at, String actor, String action, String entity, String entityId,
                         @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, nullable = true,
                                 description = "The state before the change; secrets masked") JsonNode before,
                         @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, nullable = true,
                                 description = "The state after the change; secrets masked") JsonNode after) {
}
