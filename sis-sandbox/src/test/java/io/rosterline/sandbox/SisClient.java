package io.rosterline.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small independent HTTP client for the tests (JDK HttpClient), including its own OAuth 1.0a signer
 * so the server's verification is checked against a separate implementation of RFC 5849.
 */
final class SisClient {

    final SandboxSis sis;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SecureRandom random = new SecureRandom();

    SisClient(SandboxSis sis) {
        this.sis = sis;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postForm(String path, String form, String basicUser, String basicSecret) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sis.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicUser != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basicUser + ":" + basicSecret).getBytes(StandardCharsets.UTF_8)));
        }
        return send(b.build());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(sis.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sis.baseUrl() + path)).GET().build());
    }

    String token() {
        HttpResponse<String> r = postForm("/oauth/token", "grant_type=client_credentials", sis.clientId(), sis.clientSecret());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + r.statusCode() + " " + r.body());
        }
        return (String) Json.object(r.body()).get("access_token");
    }

    String powerSchoolToken() {
        HttpResponse<String> r = postForm("/oauth/access_token", "grant_type=client_credentials", sis.clientId(), sis.clientSecret());
        return (String) Json.object(r.body()).get("access_token");
    }

    HttpResponse<String> bearer(String token, String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(sis.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    /** GET with a bearer token, failing the test on a non-200 answer. */
    String ok(String token, String pathAndQuery) {
        HttpResponse<String> r = bearer(token, pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------- OAuth 1.0a (RFC 5849), written independently of the server ----------

    HttpResponse<String> oauth1Get(String path, Map<String, String> query, String method, String key, String secret) {
        return oauth1Get(path, query, method, key, secret, System.currentTimeMillis() / 1000, nonce());
    }

    String nonce() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    HttpResponse<String> oauth1Get(String path, Map<String, String> query, String method, String key, String secret,
                                   long timestamp, String nonce) {
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", key);
        oauth.put("oauth_signature_method", method);
        oauth.put("oauth_timestamp", Long.toString(timestamp));
        oauth.put("oauth_nonce", nonce);
        oauth.put("oauth_version", "1.0");
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : oauth.entrySet()) {
            pairs.add(enc(e.getKey()) + "=" + enc(e.getValue()));
        }
        for (Map.Entry<String, String> e : query.entrySet()) {
            pairs.add(enc(e.getKey()) + "=" + enc(e.getValue()));
        }
        pairs.sort(null);
        String baseUrl = sis.baseUrl() + path;
        String base = "GET&" + enc(baseUrl) + "&" + enc(String.join("&", pairs));
        String algorithm = method.equals("HMAC-SHA1") ? "HmacSHA1" : "HmacSHA256";
        String signature;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec((enc(secret) + "&").getBytes(StandardCharsets.UTF_8), algorithm));
            signature = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder header = new StringBuilder("OAuth ");
        for (Map.Entry<String, String> e : oauth.entrySet()) {
            header.append(e.getKey()).append("=\"").append(enc(e.getValue())).append("\", ");
        }
        header.append("oauth_signature=\"").append(enc(signature)).append('"');
        StringBuilder url = new StringBuilder(baseUrl);
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            url.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return send(HttpRequest.newBuilder(URI.create(url.toString())).header("Authorization", header.toString()).GET().build());
    }

    /** RFC 3986 unreserved set only. */
    static String enc(String s) {
        StringBuilder b = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append(String.format("%%%02X", c));
            }
        }
        return b.toString();
    }
}
