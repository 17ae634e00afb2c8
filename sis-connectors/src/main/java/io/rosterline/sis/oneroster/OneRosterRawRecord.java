package io.rosterline.sis.oneroster;

import com.fasterxml.jackson.databind.JsonNode;
import io.rosterline.sis.model.Status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A record of a OneRoster collection the model has no type for (libre-oneroster's periods and subjects, vendor
 * extensions). The fields every OneRoster record has are read as leniently as for the model's records; GUIDRef
 * fields become lists of sourcedIds; everything else stays as the server sent it.
 *
 * @param collection the envelope key it was listed under, e.g. "periods"
 * @param references field name to the sourcedIds it refers to ({@code orgs -> [015, 016]}), in field order
 * @param fields     the record as sent (one small tree; the page is never held)
 */
public record OneRosterRawRecord(String collection, String sourcedId, Status status, Instant dateLastModified,
                                 Map<String, List<String>> references, JsonNode fields) {

    /** A plain text field, or null when absent, null or not a scalar. */
    public String text(String field) {
        return OneRosterJsonMapper.text(fields, field);
    }
}
