package io.rosterline.api.sftp;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * The SFTP server districts upload OneRoster CSV zips to, started with the application (Apache MINA SSHD). SFTP only:
 * no shell, no commands, no port forwarding. Logins are checked against each district's account; every district is
 * confined to its own folder.
 */
@ApplicationScoped
public class SftpServer {

    private static final Logger LOG = Logger.getLogger(SftpServer.class);

    @Inject
    SftpConfig config;
    @Inject
    SftpLogins logins;
    @Inject
    HostKeyStore hostKeys;
    @Inject
    UploadService uploads;

    private SshServer server;
    private volatile int boundPort = -1;
    private volatile KeyPair hostKey;

    void onStart(@Observes StartupEvent event) throws IOException {
        if (!config.enabled()) {
            return;
        }
        Path staging = config.stagingDir().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "rosterline-sftp-" + ProcessHandle.current().pid()));
        Files.createDirectories(staging);
        DistrictFileSystems fileSystems = new DistrictFileSystems(staging);
        hostKey = hostKeys.loadOrCreate();

        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new UploadListener(fileSystems, uploads, config.maxUploadBytes()));

        server = SshServer.setUpDefaultServer();
        server.setHost(config.bindHost());
        server.setPort(config.port());
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((username, password, session) -> logins.password(username, password)
                .map(district -> {
                    session.setAttribute(DistrictFileSystems.DISTRICT, district);
                    return true;
                }).orElse(false));
        server.setPublickeyAuthenticator((username, key, session) -> logins.publicKey(username, key)
                .map(district -> {
                    session.setAttribute(DistrictFileSystems.DISTRICT, district);
                    return true;
                }).orElse(false));
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setShellFactory(null);
        server.setCommandFactory(null);
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(fileSystems);
        server.start();
        for (SocketAddress address : server.getBoundAddresses()) {
            if (address instanceof InetSocketAddress inet) {
                boundPort = inet.getPort();
            }
        }
        LOG.infof("SFTP server listening on port %d", boundPort);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            try {
                server.stop(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The port the server actually listens on (useful when configured as 0); -1 when it is not running. */
    public int boundPort() {
        return boundPort;
    }

    /** The port districts should connect to. */
    public int publicPort() {
        return config.publicPort().orElse(boundPort);
    }

    public String publicHost() {
        return config.publicHost();
    }

    /** The SHA256 fingerprint of the host key, for districts to verify on first connect. */
    public String hostKeyFingerprint() {
        return hostKey == null ? null : org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(hostKey.getPublic());
    }
}
