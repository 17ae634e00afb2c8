package io.rosterline.sis.oneroster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

import java.io.IOException;
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

    // =====================================================================================
    // Enrollments straight from the parser
    // =====================================================================================

    /** A GUIDRef object read from the stream: the three texts that matter (as {@link #text} would give them). */
    private record StreamedRef(String sourcedId, String href, String type) {
    }

    /**
     * Maps an enrollment (about nine in ten records of a district) straight from the parser, positioned at its
     * START_OBJECT, without building a tree: the same record, and the same warnings and errors in the same order, as
     * {@code map(ENROLLMENTS, tree)}. Values of a shape this does not expect (a number, an array, an object where a
     * string belongs) are read as small trees and go through the tree code. {@code StreamedEnrollmentTest} checks
     * both paths against each other.
     *
     * @return the enrollment, or null when it is unusable (an error has then been recorded)
     */
    public RosterRecord mapEnrollment(JsonParser p) throws IOException {
        // Field names in first-seen order with their last value, as an ObjectNode would hold them (for null warnings).
        String[] names = new String[16];
        boolean[] isNull = new boolean[16];
        int fields = 0;
        Object id = null, status = null, modified = null, cls = null, school = null, user = null, role = null,
                primary = null, begin = null, end = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int at = -1;
            for (int i = 0; i < fields; i++) {
                if (names[i].equals(name)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                if (fields == names.length) {
                    names = java.util.Arrays.copyOf(names, fields * 2);
                    isNull = java.util.Arrays.copyOf(isNull, fields * 2);
                }
                at = fields++;
                names[at] = name;
            }
            isNull[at] = t == JsonToken.VALUE_NULL;
            switch (name) {
                case "sourcedId" -> id = scalar(p, t);
                case "status" -> status = scalar(p, t);
                case "dateLastModified" -> modified = scalar(p, t);
                case "class" -> cls = reference(p, t);
                case "school" -> school = reference(p, t);
                case "user" -> user = reference(p, t);
                case "role" -> role = scalar(p, t);
                case "primary" -> primary = scalar(p, t);
                case "beginDate" -> begin = scalar(p, t);
                case "endDate" -> end = scalar(p, t);
                default -> p.skipChildren();
            }
        }
        String sourcedId = id == null ? null : id instanceof String text ? text : ((JsonNode) id).isNull() ? null
                : ((JsonNode) id).asText();
        if (sourcedId == null || sourcedId.isBlank()) {
            report.error(RosterCollection.ENROLLMENTS.oneRosterName() + ": a record without sourcedId was skipped");
            return null;
        }
        String where = RosterCollection.ENROLLMENTS.oneRosterName() + "/" + sourcedId;
        for (int i = 0; i < fields; i++) {
            if (isNull[i]) {
                report.warn(Leniency.NULL_FIELD, where, names[i] + " is null instead of omitted");
            }
        }
        Status st = values.status(textOf(status), true, where);
        Instant lastModified = values.timestamp(textOf(modified), where);
        // Same order as the tree mapper: class, school, user, role, primary, dates.
        String classId = referenceOf(cls, "class", where);
        String schoolId = referenceOf(school, "school", where);
        String userId = referenceOf(user, "user", where);
        Role r = values.role(textOf(role), where);
        Boolean isPrimary = primary == null ? null : primary instanceof String text ? values.bool(text, "primary", where)
                : boolOf((JsonNode) primary, "primary", where);
        return new Enrollment(sourcedId, st, lastModified, classId, schoolId, userId, r, isPrimary,
                values.date(textOf(begin), where), values.date(textOf(end), where));
    }

    /** A string as it is; any other value (null included) as a tree, to be read the way the tree code reads it. */
    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : p.readValueAsTree();
    }

    /** A GUIDRef object read member by member; a bare string as it is; anything else as a tree. */
    private static Object reference(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t != JsonToken.START_OBJECT) {
            return p.readValueAsTree();
        }
        String refId = null, href = null, type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            String text;
            if (v == JsonToken.VALUE_STRING) {
                text = p.getText();
            } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                p.skipChildren();
                text = null;
            } else {
                JsonNode scalar = p.readValueAsTree();
                text = scalar.isNull() ? null : scalar.asText();
            }
            text = text == null || text.isEmpty() ? null : text;
            switch (name) {
                case "sourcedId" -> refId = text;
                case "href" -> href = text;
                case "type" -> type = text;
                default -> { }
            }
        }
        return new StreamedRef(refId, href, type);
    }

    /** {@link #text} of a streamed value. */
    private static String textOf(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        JsonNode n = (JsonNode) v;
        if (n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    private String referenceOf(Object v, String field, String where) {
        if (v == null) {
            return null;
        }
        if (v instanceof String bare) {
            report.warn(Leniency.GUIDREF_INCOMPLETE, where, field + " is a plain string, not a GUIDRef");
            return bare.isEmpty() ? null : bare;
        }
        if (v instanceof StreamedRef r) {
            return refValue(r.sourcedId(), r.href(), r.type(), field, where);
        }
        return refOf((JsonNode) v, field, where);
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
        return boolOf(node.get(field), field, where);
    }

    private Boolean boolOf(JsonNode v, String field, String where) {
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
        return refOf(node.get(field), field, where);
    }

    private String refOf(JsonNode v, String field, String where) {
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
        return refValue(text(v, "sourcedId"), text(v, "href"), text(v, "type"), field, where);
    }

    private String refValue(String id, String href, String type, String field, String where) {
        if (href == null || type == null) {
            report.warn(Leniency.GUIDREF_INCOMPLETE, where, field + " reference lacks "
                    + (href == null ? (type == null ? "href and type" : "href") : "type"));
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
