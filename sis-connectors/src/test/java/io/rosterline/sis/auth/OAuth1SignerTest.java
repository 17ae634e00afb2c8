package io.rosterline.sis.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OAuth1SignerTest {

    @Test
    void signsTheRfc5849Section12PhotoRequestToThePublishedSignature() {
        OAuth1Signer signer = new OAuth1Signer("dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk",
                "pfkkdhi9sl3r4s00", OAuth1Signer.Method.HMAC_SHA1, () -> 137131202L, () -> "chapoH");

        String header = signer.authorizationHeader("GET",
                URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"), List.of());

        assertTrue(header.contains("oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\""), header);
    }

    @Test
    void buildsTheRfc5849Section341BaseStringWithDoubleEncodedQueryAndBodyParameters() {
        List<String[]> protocol = List.of(
                new String[]{"oauth_consumer_key", "9djdj82h48djs9d2"},
                new String[]{"oauth_token", "kkk9d7dh3k39sjv7"},
                new String[]{"oauth_signature_method", "HMAC-SHA1"},
                new String[]{"oauth_timestamp", "137131201"},
                new String[]{"oauth_nonce", "7d8f3e4a"});
        List<String[]> body = List.of(new String[]{"c2", ""}, new String[]{"a3", "2 q"});

        String base = OAuth1Signer.signatureBaseString("POST",
                URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"), protocol, body);

        assertEquals("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
                + "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
                + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7", base);
    }

    @Test
    void aFilterWithSpacesQuotesAndComparisonsIsSignedAsPercentEncodedValuesNeverPlus() {
        String filter = "familyName='Van Der Berg' AND dateLastModified>'2026-01-31T00:00:00Z'";
        URI uri = URI.create("https://sis.example.org/ims/oneroster/v1p1/users?limit=100&offset=0&filter="
                + PercentEncoding.encode(filter));

        assertTrue(uri.getRawQuery().contains("familyName%3D%27Van%20Der%20Berg%27%20AND%20dateLastModified%3E%27"),
                uri.getRawQuery());
        String base = OAuth1Signer.signatureBaseString("GET", uri, List.of(
                new String[]{"oauth_consumer_key", "key"}, new String[]{"oauth_nonce", "n"},
                new String[]{"oauth_signature_method", "HMAC-SHA256"}, new String[]{"oauth_timestamp", "1"},
                new String[]{"oauth_version", "1.0"}), List.of());

        // The value is encoded once into the normalised parameters and once more as part of the base string.
        assertTrue(base.contains("filter%3DfamilyName%253D%2527Van%2520Der%2520Berg%2527%2520AND%2520dateLastModified%253E%25272026-01-31T00%253A00%253A00Z%2527"), base);
        assertTrue(base.startsWith("GET&https%3A%2F%2Fsis.example.org%2Fims%2Foneroster%2Fv1p1%2Fusers&filter%3D"), base);
        assertTrue(!base.contains("+"), base);
    }

    @Test
    void hmacSha256IsTheDefaultOneRosterMethodAndDropsTheDefaultPortFromTheBaseUri() {
        OAuth1Signer signer = new OAuth1Signer("k", "s", OAuth1Signer.Method.HMAC_SHA256);
        String header = signer.authorizationHeader("GET", URI.create("https://Sis.Example.org:443/a?x=1"), List.of());

        assertTrue(header.contains("oauth_signature_method=\"HMAC-SHA256\""), header);
        assertEquals("https://sis.example.org/a", OAuth1Signer.baseStringUri(URI.create("https://Sis.Example.org:443/a?x=1")));
        assertEquals("http://example.com:8080/r%20v/X", OAuth1Signer.baseStringUri(URI.create("HTTP://EXAMPLE.COM:8080/r%20v/X?id=1")));
    }
}
