package io.rosterline.api.source;

/** How roster-api proves itself to a SIS. DETECT tries OAuth 2, then OAuth 1.0a, and remembers what worked. */
public enum AuthMethod {
    OAUTH1, OAUTH2, DETECT
}
