package io.rosterline.api.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Notifications by email; SMTP itself is quarkus.mailer.* (application.properties). */
@ConfigMapping(prefix = "rosterline.notifications")
public interface NotificationsConfig {

    /** The admin SPA's address, for the links in the mails. */
    @WithDefault("http://localhost:5173")
    String appUrl();

    /** How often the dispatcher looks for notifications still to email (retries, failed-run trigger rows). */
    @WithDefault("30s")
    Duration dispatchEvery();
}
