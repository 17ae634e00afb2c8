package io.rosterline.devstack;

/** What the stack can run. PostgreSQL is always there when roster-api is. */
public enum Component {
    KEYCLOAK,
    ROSTER_API,
    /** sis-sandbox: a synthetic district SIS over HTTP (runs when sis-sandbox/target/sis-sandbox.jar exists). */
    SIS_SANDBOX,
    /** sync-worker in daemon mode (runs when sync-worker/target/quarkus-app/quarkus-run.jar exists). */
    SYNC_WORKER,
    /** The SPA on a Vite server (runs when web-ui/package.json and web-ui/node_modules exist). */
    WEB_UI
}
