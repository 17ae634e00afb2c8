package io.rosterline.sis.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a request signing (RFC 5849) as OneRoster 1.1 uses it: two-legged (consumer key/secret, no token), every
 * query parameter signed, HMAC-SHA256 by default (the IMS requirement) or HMAC-SHA1 for older servers.
 */
public final class OAuth1Signer implements Authenticator {

    public enum Method {
        HMAC_SHA1("HMAC-SHA1", "HmacSHA1"),
        HMAC_SHA256("HMAC-SHA256", "HmacSHA256");

        final String oauthName;
        final String jcaName;

        Method(String oauthName, String jcaName) {
            this.oauthName = oauthName;
            this.jcaName = jcaName;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * A refused request whose server clock differs from ours by more than this is re-signed with the server's time.
     * Servers accept a window of a few minutes (the sandbox: 300 s), so a smaller difference is not the reason.
     */
    public static final long CLOCK_SKEW_TOLERANCE_SECONDS = 60;

    private final String consumerKey;
    private final String consumerSecret;
    private final String token;
    private final String tokenSecret;
    private final Method method;
    private final LongSupplier clockSeconds;
    private final Supplier<String> nonces;
    /** Server time minus our time, learned from a refusing server's Date header; added to every timestamp. */
    private volatile long clockOffsetSeconds;

    public OAuth1Signer(String consumerKey, String consumerSecret, Method method) {
        this(consumerKey, consumerSecret, null, null, method, () -> System.currentTimeMillis() / 1000L,
                OAuth1Signer::randomNonce);
    }

    /** Full form, with a token and a fixed clock and nonce source: used for the RFC 5849 test vectors. */
    public OAuth1Signer(String consumerKey, String consumerSecret, String token, String tokenSecret, Method method,
                        LongSupplier clockSeconds, Supplier<String> nonces) {
        this.consumerKey = consumerKey;
        this.consumerSecret = consumerSecret;
        this.token = token;
        this.tokenSecret = tokenSecret;
        this.method = method;
        this.clockSeconds = clockSeconds;
        this.nonces = nonces;
    }

    private static String randomNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public void authenticate(HttpRequest.Builder request, String httpMethod, URI uri) {
        request.header("Authorization", authorizationHeader(httpMethod, uri, List.of()));
    }

    @Override
    public String describe() {
        return "OAuth 1.0a consumer key/secret (" + method.oauthName + ")"
                + (clockOffsetSeconds == 0 ? "" : " signed with the server's clock (ours is "
                + Math.abs(clockOffsetSeconds) + " s " + (clockOffsetSeconds > 0 ? "behind" : "ahead") + ")");
    }

    /**
     * OAuth 1.0a servers refuse timestamps outside a window of a few minutes. When a refusal's Date header shows that
     * our clock is off by more than {@link #CLOCK_SKEW_TOLERANCE_SECONDS}, the difference is learned (for this and all
     * later requests) and the request is worth one more try.
     */
    @Override
    public boolean recoverFromRefusal(Instant serverDate) {
        if (serverDate == null) {
            return false;
        }
        long ours = clockSeconds.getAsLong() + clockOffsetSeconds;
        long difference = serverDate.getEpochSecond() - ours;
        if (Math.abs(difference) <= CLOCK_SKEW_TOLERANCE_SECONDS) {
            return false;
        }
        clockOffsetSeconds += difference;
        return true;
    }

    /** Server time minus our time, as learned so far (0 until a server showed a skew). */
    public long clockOffsetSeconds() {
        return clockOffsetSeconds;
    }

    /**
     * The Authorization header value for a request.
     *
     * @param bodyParams decoded form-body parameters to sign as well (GET requests have none)
     */
    public String authorizationHeader(String httpMethod, URI uri, List<String[]> bodyParams) {
        List<String[]> protocol = protocolParams();
        String signature = sign(signatureBaseString(httpMethod, uri, protocol, bodyParams));
        StringBuilder sb = new StringBuilder("OAuth ");
        for (String[] p : protocol) {
            sb.append(PercentEncoding.encode(p[0])).append("=\"").append(PercentEncoding.encode(p[1])).append("\", ");
        }
        sb.append("oauth_signature=\"").append(PercentEncoding.encode(signature)).append('"');
        return sb.toString();
    }

    List<String[]> protocolParams() {
        List<String[]> p = new ArrayList<>();
        p.add(new String[]{"oauth_consumer_key", consumerKey});
        if (token != null) {
            p.add(new String[]{"oauth_token", token});
        }
        p.add(new String[]{"oauth_signature_method", method.oauthName});
        p.add(new String[]{"oauth_timestamp", Long.toString(clockSeconds.getAsLong() + clockOffsetSeconds)});
        p.add(new String[]{"oauth_nonce", nonces.get()});
        if (token == null) {
            // Two-legged OneRoster servers expect the version; the RFC examples with a token omit it.
            p.add(new String[]{"oauth_version", "1.0"});
        }
        return p;
    }

    /** RFC 5849 section 3.4.1: METHOD & encoded base URI & encoded normalised parameters. */
    public static String signatureBaseString(String httpMethod, URI uri, List<String[]> protocolParams,
                                             List<String[]> bodyParams) {
        List<String[]> all = new ArrayList<>();
        for (String[] q : PercentEncoding.parseQuery(uri.getRawQuery())) {
            all.add(new String[]{PercentEncoding.encode(q[0]), PercentEncoding.encode(q[1])});
        }
        for (String[] p : protocolParams) {
            all.add(new String[]{PercentEncoding.encode(p[0]), PercentEncoding.encode(p[1])});
        }
        for (String[] b : bodyParams) {
            all.add(new String[]{PercentEncoding.encode(b[0]), PercentEncoding.encode(b[1])});
        }
        // Sorted by encoded name, then encoded value, byte order (3.4.1.3.2).
        all.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
        StringBuilder normalized = new StringBuilder();
        for (String[] p : all) {
            if (normalized.length() > 0) {
                normalized.append('&');
            }
            normalized.append(p[0]).append('=').append(p[1]);
        }
        return httpMethod.toUpperCase(Locale.ROOT) + '&' + PercentEncoding.encode(baseStringUri(uri)) + '&'
                + PercentEncoding.encode(normalized.toString());
    }

    /** Scheme and host lowercase, default port dropped, path as sent, no query (3.4.1.2). */
    static String baseStringUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    String sign(String baseString) {
        String key = PercentEncoding.encode(consumerSecret) + '&' + (tokenSecret == null ? "" : PercentEncoding.encode(tokenSecret));
        try {
            Mac mac = Mac.getInstance(method.jcaName);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), method.jcaName));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JVM lacks " + method.jcaName, e);
        }
    }
}
