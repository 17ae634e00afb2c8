package io.rosterline.sis.auth;

import java.net.URI;
import java.net.http.HttpRequest;

/** Adds credentials to one outgoing request. Implementations are thread-safe. */
public interface Authenticator {

    void authenticate(HttpRequest.Builder request, String method, URI uri);

    /** Called after a 401 so that a cached token can be dropped before the one retry. */
    default boolean invalidate() {
        return false;
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
