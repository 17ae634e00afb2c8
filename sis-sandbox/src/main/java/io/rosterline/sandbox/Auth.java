package io.rosterline.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client authentication: OAuth 2 client credentials (bearer tokens with expiry) and OAuth 1.0a
 * signed requests (RFC 5849, HMAC-SHA256 / HMAC-SHA1), both against one configured client.
 */
final class Auth {

    /** Who a bearer token was issued for; PowerSchool tokens are not valid on OneRoster paths and vice versa. */
    enum Audience { ONEROSTER, POWERSCHOOL }

    record Token(Audience audience, long expiresAtMillis, String scope) {
    }

    record Issued(String accessToken, long expiresInSeconds, String scope) {
    }

    static final long TIMESTAMP_WINDOW_SECONDS = 300;

    volatile String clientId;
    volatile String clientSecret;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Auth(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    boolean credentialsMatch(String id, String secret) {
        return id != null && secret != null
                && MessageDigest.isEqual(id.getBytes(StandardCharsets.UTF_8), clientId.getBytes(StandardCharsets.UTF_8))
                && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8));
    }

    /** Client id and secret from a Basic header, or null. */
    static String[] basic(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            // RFC 6749 2.3.1: client id and secret are form-encoded before Basic encoding
            return new String[] {Http.decode(decoded.substring(0, colon)), Http.decode(decoded.substring(colon + 1))};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    Issued issue(Audience audience, String scope, long ttlSeconds) {
        long now = System.currentTimeMillis();
        if (tokens.size() > 10_000) {
            tokens.values().removeIf(t -> t.expiresAtMillis() < now);
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.put(token, new Token(audience, now + ttlSeconds * 1000, scope));
        return new Issued(token, ttlSeconds, scope);
    }

    /** Null when the request carries a valid bearer token for the audience, else the reason it does not. */
    String checkBearer(HttpExchange ex, Audience audience) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "missing bearer token";
        }
        Token t = tokens.get(h.substring(7).trim());
        if (t == null || t.audience() != audience) {
            return "unknown access token";
        }
        if (t.expiresAtMillis() <= System.currentTimeMillis()) {
            return "access token expired";
        }
        return null;
    }

    void revokeAll() {
        tokens.clear();
    }

    static boolean isOAuth1(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        return h != null && h.regionMatches(true, 0, "OAuth ", 0, 6);
    }

    /** Verifies an OAuth 1.0a signed request; null when valid, else the reason it is not. */
    String checkOAuth1(HttpExchange ex, byte[] formBody) {
        Map<String, String> oauth = new java.util.LinkedHashMap<>();
        List<String[]> params = new ArrayList<>();
        String header = ex.getRequestHeaders().getFirst("Authorization");
        for (String part : header.substring(6).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = percentDecode(p.substring(0, eq).trim());
            String value = p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            value = percentDecode(value);
            if ("realm".equals(name)) {
                continue;
            }
            oauth.put(name, value);
            if (!"oauth_signature".equals(name)) {
                params.add(new String[] {name, value});
            }
        }
        params.addAll(Http.queryPairs(ex.getRequestURI().getRawQuery()));
        if (formBody != null && formBody.length > 0) {
            params.addAll(Http.queryPairs(new String(formBody, StandardCharsets.UTF_8)));
        }
        String key = oauth.get("oauth_consumer_key");
        String method = oauth.get("oauth_signature_method");
        String signature = oauth.get("oauth_signature");
        String timestamp = oauth.get("oauth_timestamp");
        String nonce = oauth.get("oauth_nonce");
        if (key == null || method == null || signature == null || timestamp == null || nonce == null) {
            return "OAuth 1 header lacks oauth_consumer_key, oauth_signature_method, oauth_signature, oauth_timestamp or oauth_nonce";
        }
        String version = oauth.get("oauth_version");
        if (version != null && !"1.0".equals(version)) {
            return "oauth_version must be 1.0";
        }
        String algorithm = switch (method) {
            case "HMAC-SHA256" -> "HmacSHA256";
            case "HMAC-SHA1" -> "HmacSHA1";
            default -> null;
        };
        if (algorithm == null) {
            return "unsupported oauth_signature_method " + method + " (use HMAC-SHA256 or HMAC-SHA1)";
        }
        if (!MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), clientId.getBytes(StandardCharsets.UTF_8))) {
            return "unknown consumer key";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "oauth_timestamp is not a number";
        }
        long now = System.currentTimeMillis() / 1000;
        if (Math.abs(now - ts) > TIMESTAMP_WINDOW_SECONDS) {
            return "oauth_timestamp is more than " + TIMESTAMP_WINDOW_SECONDS + " seconds away from server time";
        }
        String base = baseString(ex.getRequestMethod(), Http.origin(ex), ex.getRequestURI().getRawPath(), params);
        String tokenSecret = "";
        String expected = sign(algorithm, percentEncode(clientSecret) + "&" + percentEncode(tokenSecret), base);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
            return "OAuth 1 signature does not match";
        }
        // a nonce may be used once per timestamp window (checked after the signature so forgeries cannot burn nonces)
        if (nonces.size() > 100_000) {
            nonces.values().removeIf(t -> Math.abs(now - t) > TIMESTAMP_WINDOW_SECONDS);
        }
        if (nonces.putIfAbsent(ts + ":" + nonce, ts) != null) {
            return "oauth_nonce was already used";
        }
        return null;
    }

    /** RFC 5849 3.4.1 signature base string. */
    static String baseString(String method, String origin, String rawPath, List<String[]> params) {
        List<String[]> encoded = new ArrayList<>(params.size());
        for (String[] p : params) {
            encoded.add(new String[] {percentEncode(p[0]), percentEncode(p[1])});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder norm = new StringBuilder();
        for (String[] p : encoded) {
            if (norm.length() > 0) {
                norm.append('&');
            }
            norm.append(p[0]).append('=').append(p[1]);
        }
        return method.toUpperCase() + "&" + percentEncode(baseUri(origin, rawPath)) + "&" + percentEncode(norm.toString());
    }

    /** Scheme and host in lower case, default ports dropped. */
    static String baseUri(String origin, String rawPath) {
        String o = origin.toLowerCase();
        if (o.startsWith("http://") && o.endsWith(":80")) {
            o = o.substring(0, o.length() - 3);
        } else if (o.startsWith("https://") && o.endsWith(":443")) {
            o = o.substring(0, o.length() - 4);
        }
        return o + rawPath;
    }

    static String sign(String algorithm, String key, String base) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 percent-encoding as RFC 5849 3.6 requires: only unreserved characters stay as they are. */
    static String percentEncode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 16);
        for (byte raw : bytes) {
            int c = raw & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** Percent-decoding without the form rule ('+' stays '+'), as used in the OAuth header. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
