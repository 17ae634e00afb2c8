package io.rosterline.api.credentials;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** rosterline.credentials.*: encryption keys for secrets at rest, outbound address rules, validation limits. */
@ConfigMapping(prefix = "rosterline.credentials")
public interface CredentialsConfig {

    /** Key id -> base64 AES key (16, 24 or 32 bytes). Production takes these from a Kubernetes Secret / env vars. */
    Map<String, String> keys();

    /** The key id new values are encrypted with; values under other ids are re-encrypted at start. */
    String activeKey();

    /** Whether SIS URLs may point at private, loopback or link-local addresses (dev and test only). */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** Live checks per district per minute; more is answered 429 (each check calls the district's SIS). */
    @WithDefault("10")
    int validationsPerMinute();

    /** How long one check may wait for the SIS to answer one request. */
    @WithDefault("15s")
    Duration checkTimeout();

    /** Re-encrypt values stored under an old key id when the application starts. */
    @WithDefault("true")
    boolean reencryptAtStart();
}
