package io.rosterline.api.sftp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** rosterline.sftp.*: the SFTP server districts upload OneRoster CSV zips to. */
@ConfigMapping(prefix = "rosterline.sftp")
public interface SftpConfig {

    @WithDefault("true")
    boolean enabled();

    /** Port to listen on; 0 picks a free one (tests). The bound port is in {@link SftpServer#boundPort()}. */
    @WithDefault("2222")
    int port();

    @WithDefault("0.0.0.0")
    String bindHost();

    /** The host name districts connect to, shown in the API (the load balancer's name in production). */
    @WithDefault("localhost")
    String publicHost();

    /** The port districts connect to when it differs from the bound one (a load balancer in front). */
    Optional<Integer> publicPort();

    /** Bigger uploads are refused while they are written. */
    @WithDefault("2147483648")
    long maxUploadBytes();

    /** Where uploads are staged while being written (they move to PostgreSQL when the file is closed). */
    Optional<String> stagingDir();

    /** Uploads kept per district regardless of age. */
    @WithDefault("10")
    int keepLast();

    /** Uploads younger than this are kept regardless of count. */
    @WithDefault("30d")
    Duration keepFor();

    /** When old uploads are pruned (Quartz-style cron, read by the scheduler). */
    @WithDefault("0 30 3 * * ?")
    String pruneCron();

    /** Share of rows that may be unusable before an upload is rejected. */
    @WithDefault("0.01")
    double maxRowErrorRatio();
}
