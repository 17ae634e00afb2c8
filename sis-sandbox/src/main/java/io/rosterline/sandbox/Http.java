package io.rosterline.sandbox;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over the JDK HTTP server: query parsing, JSON responses, imsx error payloads. */
final class Http {

    static final JsonFactory JSON = JsonFactory.builder().build();

    private Http() {
    }

    /** Raised by handlers to answer with an error status and a plain-language message. */
    static final class HttpError extends RuntimeException {
        final int status;
        final String codeMinor;

        HttpError(int status, String codeMinor, String message) {
            super(message);
            this.status = status;
            this.codeMinor = codeMinor;
        }
    }

    /**
     * Thrown out of the handler after a deliberately partial body: the JDK server closes the connection
     * when a handler fails, which is the only way to drop it mid-response with com.sun.net.httpserver.
     */
    static final class ConnectionCut extends RuntimeException {
        ConnectionCut() {
            super("connection cut by a fault switch", null, false, false);
        }
    }

    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    /** Decoded query parameters in order (form rules: '+' is a space). */
    static List<String[]> queryPairs(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {decode(name), decode(value)});
        }
        return pairs;
    }

    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String[] p : queryPairs(ex.getRequestURI().getRawQuery())) {
            map.putIfAbsent(p[0], p[1]);
        }
        return map;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "invalid_data", "the query string is not valid percent-encoding");
        }
    }

    static byte[] readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return in.readNBytes(1 << 20);
        }
    }

    static void json(HttpExchange ex, int status, JsonBody body) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(buf, JsonEncoding.UTF8)) {
            body.write(g);
        }
        bytes(ex, status, "application/json", buf.toByteArray());
    }

    static void bytes(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    /** Starts a chunked streaming JSON response; the caller writes and closes the generator. */
    static JsonGenerator streamJson(HttpExchange ex, int status) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, 0);
        return JSON.createGenerator(new BufferedOutputStream(ex.getResponseBody(), 1 << 16), JsonEncoding.UTF8);
    }

    /** OneRoster (IMS) status payload. */
    static void imsx(HttpExchange ex, int status, String codeMinor, String description) throws IOException {
        json(ex, status, g -> {
            g.writeStartObject();
            g.writeStringField("imsx_codeMajor", "failure");
            g.writeStringField("imsx_severity", "error");
            g.writeStringField("imsx_description", description);
            g.writeObjectFieldStart("imsx_CodeMinor");
            g.writeArrayFieldStart("imsx_codeMinorField");
            g.writeStartObject();
            g.writeStringField("imsx_codeMinorFieldName", "TargetEndSystem");
            g.writeStringField("imsx_codeMinorFieldValue", codeMinor);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    static int intParam(Map<String, String> q, String name, int dflt, int min) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min) {
                throw new HttpError(400, "invalid_data", name + " must be at least " + min + " but was " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new HttpError(400, "invalid_data", name + " must be a whole number but was '" + v + "'");
        }
    }

    /** scheme://host[:port] as the client addressed us (Host header), for hrefs and OAuth 1 base strings. */
    static String origin(HttpExchange ex) {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = "localhost:" + ex.getLocalAddress().getPort();
        }
        String proto = ex.getRequestHeaders().getFirst("X-Forwarded-Proto");
        return (proto != null ? proto : "http") + "://" + host;
    }
}
