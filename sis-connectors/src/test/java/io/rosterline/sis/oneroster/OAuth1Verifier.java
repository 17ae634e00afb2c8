package io.rosterline.sis.oneroster;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a OneRoster server does on receipt: recomputes the OAuth 1.0a signature from the request it got. Written
 * independently of the production signer (URLEncoder-based, the way many servers do it) so the two check each other.
 */
final class OAuth1Verifier {

    private OAuth1Verifier() {
    }

    static boolean valid(String method, String absoluteUrl, String authorization, String secret) throws Exception {
        Map<String, String> oauth = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(authorization);
        while (m.find()) {
            oauth.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        URI uri = URI.create(absoluteUrl);
        List<String> pairs = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String p : uri.getRawQuery().split("&")) {
                String[] kv = p.split("=", 2);
                pairs.add(enc(URLDecoder.decode(kv[0], StandardCharsets.UTF_8)) + "="
                        + enc(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
            }
        }
        oauth.forEach((k, v) -> {
            if (!k.equals("oauth_signature") && !k.equals("realm")) {
                pairs.add(enc(k) + "=" + enc(v));
            }
        });
        pairs.sort(null);
        String base = method + "&" + enc(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + uri.getRawPath()) + "&" + enc(String.join("&", pairs));
        String alg = oauth.get("oauth_signature_method").equals("HMAC-SHA1") ? "HmacSHA1" : "HmacSHA256";
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec((enc(secret) + "&").getBytes(StandardCharsets.UTF_8), alg));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        return expected.equals(oauth.get("oauth_signature"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
