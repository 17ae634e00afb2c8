package io.rosterline.sis.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;

/** Adds credentials to one outgoing request. Implementations are thread-safe. */
public interface Authenticator {

    void authenticate(HttpRequest.Builder request, String method, URI uri);

    /** Called after a 401 so that a cached token can be dropped before the one retry. */
    default boolean invalidate() {
        return false;
    }

    /**
     * Called once after a 401, with what the refusing server said about itself. True when the credentials were
     * adjusted (a dropped token, a corrected clock) and the request is worth signing and sending once more.
     *
     * @param serverDate the response's Date header, or null when it had none or it was unreadable
     */
    default boolean recoverFromRefusal(Instant serverDate) {
        return invalidate();
    }

    /** For messages: what kind of credentials these are ("OAuth 1.0a key/secret", ...). */
    String describe();

    static Authenticator none() {
        return new Authenticator() {
            @Override
            public void authenticate(HttpRequest.Builder request, String method, URI uri) {
            }

            @Override
            public String describe() {
                return "no credentials";
            }
        };
    }
}
