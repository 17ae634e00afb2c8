package io.rosterline.sis.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an error body into a short plain sentence. OneRoster servers answer errors with an imsx status payload
 * ({imsx_codeMajor, imsx_severity, imsx_description, imsx_CodeMinor}), sometimes wrapped in statusInfoSet;
 * other servers send text or HTML.
 */
public final class ImsxStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImsxStatus() {
    }

    /** A plain message, or an empty string when the body says nothing useful. */
    public static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode root = JSON.readTree(trimmed);
                JsonNode imsx = findImsx(root);
                if (imsx != null) {
                    String description = text(imsx, "imsx_description");
                    String major = text(imsx, "imsx_codeMajor");
                    String minor = minorCode(imsx.get("imsx_CodeMinor"));
                    StringBuilder sb = new StringBuilder();
                    sb.append(description.isEmpty() ? "no description" : description);
                    if (!major.isEmpty() || !minor.isEmpty()) {
                        sb.append(" (").append(major);
                        if (!minor.isEmpty()) {
                            sb.append(major.isEmpty() ? "" : ", ").append(minor);
                        }
                        sb.append(')');
                    }
                    return sb.toString();
                }
                for (String field : new String[]{"error_description", "message", "error", "detail", "title"}) {
                    String v = text(root, field);
                    if (!v.isEmpty()) {
                        return v;
                    }
                }
            } catch (Exception notJson) {
                // fall through to text handling
            }
        }
        String text = trimmed.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static JsonNode findImsx(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject() && (node.has("imsx_codeMajor") || node.has("imsx_description"))) {
            return node;
        }
        if (node.isObject() || node.isArray()) {
            for (JsonNode child : node) {
                JsonNode found = findImsx(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String minorCode(JsonNode minor) {
        if (minor == null) {
            return "";
        }
        JsonNode field = minor.findValue("imsx_codeMinorFieldValue");
        return field == null ? "" : field.asText("");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.isValueNode() ? v.asText("") : "";
    }
}
