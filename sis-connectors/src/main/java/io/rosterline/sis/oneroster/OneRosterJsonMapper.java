package io.rosterline.sis.oneroster;

import com.fasterxml.jackson.databind.JsonNode;
import io.rosterline.sis.Leniency;
import io.rosterline.sis.LenientValues;
import io.rosterline.sis.ReadReport;
import io.rosterline.sis.model.AcademicSession;
import io.rosterline.sis.model.Course;
import io.rosterline.sis.model.Enrollment;
import io.rosterline.sis.model.Org;
import io.rosterline.sis.model.Role;
import io.rosterline.sis.model.RosterClass;
import io.rosterline.sis.model.RosterCollection;
import io.rosterline.sis.model.RosterRecord;
import io.rosterline.sis.model.Status;
import io.rosterline.sis.model.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps one OneRoster 1.1 or 1.2 JSON object to the source-neutral model. Works on one small tree per record, never on
 * a whole page. Both versions are accepted by the same code: 1.1 "role"/"orgs" and 1.2 "roles"/"primaryOrg"/
 * "userProfiles" are all understood, because servers mix them.
 */
public final class OneRosterJsonMapper {

    private final LenientValues values;
    private final ReadReport report;

    public OneRosterJsonMapper(ReadReport report) {
        this.report = report;
        this.values = new LenientValues(report);
    }

    /** @return the record, or null when it is unusable (an error has then been recorded) */
    public RosterRecord map(RosterCollection collection, JsonNode node) {
        JsonNode idNode = node.get("sourcedId");
        String sourcedId = idNode == null || idNode.isNull() ? null : idNode.asText();
        if (sourcedId == null || sourcedId.isBlank()) {
            report.error(collection.oneRosterName() + ": a record without sourcedId was skipped");
            return null;
        }
        String where = collection.oneRosterName() + "/" + sourcedId;
        warnNulls(node, where);
        Status status = values.status(text(node, "status"), true, where);
        Instant modified = values.timestamp(text(node, "dateLastModified"), where);
        return switch (collection) {
            case ORGS -> new Org(sourcedId, status, modified, text(node, "name"),
                    values.enumValue(text(node, "type"), LenientValues.ORG_TYPES, "type", where),
                    text(node, "identifier"), ref(node, "parent", where));
            case ACADEMIC_SESSIONS -> new AcademicSession(sourcedId, status, modified, text(node, "title"),
                    values.enumValue(text(node, "type"), LenientValues.SESSION_TYPES, "type", where),
                    values.date(text(node, "startDate"), where), values.date(text(node, "endDate"), where),
                    ref(node, "parent", where), text(node, "schoolYear"));
            case COURSES -> new Course(sourcedId, status, modified, text(node, "title"), text(node, "courseCode"),
                    strings(node, "grades"), strings(node, "subjects"), ref(node, "org", where),
                    ref(node, "schoolYear", where));
            case CLASSES -> new RosterClass(sourcedId, status, modified, text(node, "title"), text(node, "classCode"),
                    values.enumValue(text(node, "classType"), LenientValues.CLASS_TYPES, "classType", where),
                    text(node, "location"), strings(node, "grades"), strings(node, "subjects"),
                    ref(node, "course", where), ref(node, "school", where), refs(node, "terms", where),
                    strings(node, "periods"));
            case USERS -> user(node, sourcedId, status, modified, where);
            case ENROLLMENTS -> new Enrollment(sourcedId, status, modified, ref(node, "class", where),
                    ref(node, "school", where), ref(node, "user", where), values.role(text(node, "role"), where),
                    bool(node, "primary", where), values.date(text(node, "beginDate"), where),
                    values.date(text(node, "endDate"), where));
        };
    }

    /**
     * A record of a collection the model has no type for. Any field holding a GUIDRef (an object with sourcedId or
     * href) or a list of them is read as references, with the same tolerance as the model's references.
     *
     * @return the record, or null when it has no sourcedId (an error has then been recorded)
     */
    public OneRosterRawRecord mapRaw(String collection, JsonNode node) {
        String sourcedId = text(node, "sourcedId");
        if (sourcedId == null || sourcedId.isBlank()) {
            report.error(collection + ": a record without sourcedId was skipped");
            return null;
        }
        String where = collection + "/" + sourcedId;
        warnNulls(node, where);
        Status status = values.status(text(node, "status"), true, where);
        Instant modified = values.timestamp(text(node, "dateLastModified"), where);
        Map<String, List<String>> references = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            boolean refList = v.isArray() && !v.isEmpty() && isGuidRef(v.get(0));
            if (isGuidRef(v) || refList) {
                references.put(f.getKey(), refs(node, f.getKey(), where));
            }
        }
        return new OneRosterRawRecord(collection, sourcedId, status, modified, Collections.unmodifiableMap(references), node);
    }

    private static boolean isGuidRef(JsonNode v) {
        return v != null && v.isObject() && (v.has("sourcedId") || v.has("href"));
    }

    private User user(JsonNode node, String sourcedId, Status status, Instant modified, String where) {
        List<User.UserRole> roles = new ArrayList<>();
        JsonNode rolesNode = node.get("roles");
        if (rolesNode != null && rolesNode.isArray()) {
            for (JsonNode r : rolesNode) {
                roles.add(new User.UserRole(
                        values.enumValue(text(r, "roleType"), LenientValues.ROLE_TYPES, "roleType", where),
                        values.role(text(r, "role"), where), ref(r, "org", where), ref(r, "userProfile", where),
                        values.date(text(r, "beginDate"), where), values.date(text(r, "endDate"), where)));
            }
        }
        Role role = values.role(text(node, "role"), where);
        if (role == null) {
            role = primaryRole(roles);
        }
        Set<String> orgs = new LinkedHashSet<>(refs(node, "orgs", where));
        String primaryOrg = ref(node, "primaryOrg", where);
        if (primaryOrg != null) {
            orgs.add(primaryOrg);
        }
        for (User.UserRole r : roles) {
            if (r.orgSourcedId() != null) {
                orgs.add(r.orgSourcedId());
            }
        }
        List<User.UserId> userIds = new ArrayList<>();
        JsonNode ids = node.get("userIds");
        if (ids != null && ids.isArray()) {
            for (JsonNode id : ids) {
                userIds.add(new User.UserId(text(id, "type"), text(id, "identifier")));
            }
        }
        List<User.UserProfile> profiles = new ArrayList<>();
        JsonNode profilesNode = node.get("userProfiles");
        if (profilesNode != null && profilesNode.isArray()) {
            for (JsonNode p : profilesNode) {
                JsonNode creds = p.get("credentials");
                JsonNode firstCred = creds != null && creds.isArray() && !creds.isEmpty() ? creds.get(0) : null;
                profiles.add(new User.UserProfile(text(p, "profileId"), text(p, "profileType"), text(p, "vendorId"),
                        text(p, "applicationId"), text(p, "description"),
                        firstCred == null ? null : text(firstCred, "type"),
                        firstCred == null ? null : text(firstCred, "username")));
            }
        }
        return new User(sourcedId, status, modified, bool(node, "enabledUser", where), text(node, "username"),
                List.copyOf(userIds), text(node, "givenName"), text(node, "familyName"), text(node, "middleName"),
                text(node, "identifier"), text(node, "email"), role, List.copyOf(roles), List.copyOf(orgs),
                refs(node, "agents", where), strings(node, "grades"), List.copyOf(profiles));
    }

    public static Role primaryRole(List<User.UserRole> roles) {
        for (User.UserRole r : roles) {
            if ("primary".equals(r.roleType()) && r.role() != null) {
                return r.role();
            }
        }
        return roles.isEmpty() ? null : roles.get(0).role();
    }

    /** OneRoster says to omit absent fields; some servers send null instead. One warning per null field. */
    private void warnNulls(JsonNode node, String where) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getValue().isNull()) {
                report.warn(Leniency.NULL_FIELD, where, f.getKey() + " is null instead of omitted");
            }
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    private Boolean bool(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return values.boolFromNumber(v.longValue(), field, where);
        }
        return values.bool(v.asText(), field, where);
    }

    /** An array of strings, or (tolerated) one comma-separated string. */
    private static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>(v.size());
            for (JsonNode e : v) {
                if (!e.isNull() && !e.asText().isEmpty()) {
                    out.add(e.asText());
                }
            }
            return List.copyOf(out);
        }
        return LenientValues.commaList(v.asText());
    }

    /** The sourcedId of a GUIDRef {href, sourcedId, type}; tolerates missing href/type and relative hrefs. */
    private String ref(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            // A bare id instead of a GUIDRef object.
            report.warn(Leniency.GUIDREF_INCOMPLETE, where, field + " is a plain string, not a GUIDRef");
            return v.asText().isEmpty() ? null : v.asText();
        }
        return refValue(v, field, where);
    }

    private String refValue(JsonNode v, String field, String where) {
        String id = text(v, "sourcedId");
        String href = text(v, "href");
        if (href == null || text(v, "type") == null) {
            report.warn(Leniency.GUIDREF_INCOMPLETE, where, field + " reference lacks "
                    + (href == null ? (text(v, "type") == null ? "href and type" : "href") : "type"));
        }
        if (href != null && !(href.startsWith("http://") || href.startsWith("https://"))) {
            report.warn(Leniency.RELATIVE_HREF, where, field + " href '" + href + "' is not an absolute URL");
        }
        if (id == null && href != null) {
            String h = href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
            id = h.substring(h.lastIndexOf('/') + 1);
        }
        return id;
    }

    private List<String> refs(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            String single = ref(node, field, where);
            return single == null ? List.of() : List.of(single);
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            String id = e.isTextual() ? e.asText() : refValue(e, field, where);
            if (id != null) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }
}
