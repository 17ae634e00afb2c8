package io.rosterline.api.security;

/** The realm roles a token can carry (Keycloak realm_access.roles, or groups). */
public final class Roles {
    public static final String SUPPORT = "support";
    public static final String DISTRICT_ADMIN = "district-admin";
    public static final String INTEGRATOR = "integrator";
    public static final String SYNC_WORKER = "sync-worker";

    private Roles() {
    }
}
