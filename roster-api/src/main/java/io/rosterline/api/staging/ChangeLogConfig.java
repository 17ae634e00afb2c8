package io.rosterline.api.staging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** rosterline.change-log.*: compaction of the change logs behind stored readiness reviews and allocations (V66, V67). */
@ConfigMapping(prefix = "rosterline.change-log")
public interface ChangeLogConfig {

    /** A district's log is compacted once it holds more rows than this. */
    @WithDefault("5000")
    int compactAbove();

    /** When the compaction runs (Quartz cron, UTC): after the default nightly window. */
    @WithDefault("0 45 3 * * ?")
    String compactCron();
}
