package io.rosterline.api.source;

import io.rosterline.api.credentials.CredentialsConfig;
import io.rosterline.sis.SisException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * The SSRF rule for every URL roster-api calls on a district's behalf. In production: https only, and every address
 * the host name resolves to must be public (no loopback, private, link-local, unique-local, multicast, CGNAT or
 * reserved ranges); redirects are walked one hop at a time and each hop is checked the same way. Dev and test allow
 * private addresses so that a local sandbox SIS can be used.
 */
@ApplicationScoped
public class OutboundAddressPolicy {

    static final int MAX_REDIRECTS = 5;

    private final boolean allowPrivate;
    private final Duration timeout;
    private final HttpClient noRedirects;

    @Inject
    public OutboundAddressPolicy(CredentialsConfig config) {
        this(config.allowPrivateAddresses(), config.checkTimeout());
    }

    public OutboundAddressPolicy(boolean allowPrivate, Duration timeout) {
        this.allowPrivate = allowPrivate;
        this.timeout = timeout;
        this.noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public boolean allowsPrivateAddresses() {
        return allowPrivate;
    }

    /**
     * Checks the form of a URL (no DNS): absolute, http(s), a host, no user info; https only in production.
     *
     * @throws UnsafeAddressException with a plain reason
     */
    public void checkForm(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new UnsafeAddressException("use an https:// address");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UnsafeAddressException("the address has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnsafeAddressException("leave user names and passwords out of the address; enter them in their own fields");
        }
        if (!allowPrivate && !scheme.equals("https")) {
            throw new UnsafeAddressException("use an https:// address; plain http is not allowed for student data");
        }
    }

    /**
     * Checks the form and, in production, every address the host resolves to.
     *
     * @throws UnsafeAddressException  when the address is not allowed
     * @throws SisException.HostNotFound when DNS does not know the host
     */
    public void check(URI uri) {
        checkForm(uri);
        if (allowPrivate) {
            return;
        }
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new SisException.HostNotFound(host, e);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new UnsafeAddressException("'" + host + "' leads to " + address.getHostAddress()
                        + ", a private or internal address; Rosterline only connects to public internet addresses");
            }
        }
    }

    /**
     * Follows redirects from {@code start} one hop at a time without credentials, checking each target, so that a
     * SIS cannot bounce our requests to an internal address. Network failures are left to the real check to report.
     */
    public void checkRedirects(URI start) {
        if (allowPrivate) {
            return;
        }
        URI current = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(current);
            HttpResponse<InputStream> response;
            try {
                response = noRedirects.send(HttpRequest.newBuilder(current).timeout(timeout).GET()
                        .header("User-Agent", "Rosterline-address-check").build(), HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (status < 300 || status >= 400 || location == null) {
                return;
            }
            URI next;
            try {
                next = current.resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new UnsafeAddressException("the server redirects to an address that is not valid");
            }
            try {
                check(next);
            } catch (UnsafeAddressException e) {
                throw new UnsafeAddressException("the server redirects to " + next.getScheme() + "://" + next.getHost()
                        + ", which is not allowed: " + e.getMessage());
            }
            current = next;
        }
        throw new UnsafeAddressException("the server redirects more than " + MAX_REDIRECTS + " times");
    }

    /** Public unicast internet addresses only. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return false; // fec0::/10 old site-local
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
                // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) carry an IPv4 address
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8)) {
                return false; // 2001:db8::/32 documentation
            }
            if (first == 0x00 || (first == 0x01 && b[1] == 0)) {
                return false; // ::/8 reserved, 100::/64 discard
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0 || a0 == 10 || a0 == 127
                || (a0 == 100 && a1 >= 64 && a1 <= 127)   // CGNAT
                || (a0 == 169 && a1 == 254)                 // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)
                || (a0 == 192 && a1 == 168)
                || (a0 == 192 && a1 == 0 && a2 == 0)        // IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2)        // documentation
                || (a0 == 198 && (a1 == 18 || a1 == 19))    // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)
                || a0 >= 224);                              // multicast, reserved, broadcast
    }
}
