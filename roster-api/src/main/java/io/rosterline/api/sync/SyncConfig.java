package io.rosterline.api.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "rosterline.sync")
public interface SyncConfig {

    /** How long a claim holds without a heartbeat; after that the run is claimable again and starts clean. */
    @WithDefault("PT2M")
    Duration lease();

    /** A run whose worker vanished this many times is marked failed instead of being retried forever. */
    @WithDefault("3")
    int maxAttempts();

    /**
     * The order in which a rostered user is matched to an existing account: SOURCED_ID, IDENTIFIER (the SIS identifier),
     * EMAIL, LOGIN. A district can set its own in its safety settings (accountMatchOrder).
     */
    @WithDefault("SOURCED_ID,IDENTIFIER,EMAIL,LOGIN")
    List<String> matchOrder();
}
