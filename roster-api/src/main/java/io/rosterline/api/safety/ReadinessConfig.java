package io.rosterline.api.safety;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** rosterline.readiness.*: the readiness review. */
@ConfigMapping(prefix = "rosterline.readiness")
public interface ReadinessConfig {

    /**
     * Compute the review a district's admins will open next as soon as a run of the district completes, off the request
     * path, so the first request after a sync is served from the stored review instead of computing it (seconds for a
     * million enrollments).
     */
    @WithDefault("true")
    boolean precompute();
}
