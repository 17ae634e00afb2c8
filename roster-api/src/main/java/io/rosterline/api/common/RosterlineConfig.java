package io.rosterline.api.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rosterline")
public interface RosterlineConfig {

    Demo demo();

    interface Demo {
        /** Seed the two demo districts at start (local run only). */
        @WithDefault("false")
        boolean seed();
    }
}
