package io.rosterline.worker.sync;

import io.rosterline.sync.engine.SyncEngine;
import io.rosterline.worker.api.RosterApiGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Runs due work with the engine over the OIDC-authenticated REST client; shared by once and daemon. */
@ApplicationScoped
public class WorkerRunner {

    private static final Logger LOG = Logger.getLogger(WorkerRunner.class);

    @Inject
    RosterApiGateway gateway;
    @ConfigProperty(name = "rosterline.worker.chunk-size", defaultValue = "5000")
    int chunkSize;
    @ConfigProperty(name = "rosterline.worker.heartbeat", defaultValue = "20s")
    Duration heartbeat;

    /** A name that tells operators which pod or process holds a lease. */
    final String workerId = System.getenv().getOrDefault("HOSTNAME", "worker") + "-"
            + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);

    public List<SyncEngine.Outcome> runAllDue() {
        SyncEngine engine = new SyncEngine(gateway, new SyncEngine.Settings(chunkSize, heartbeat));
        List<SyncEngine.Outcome> outcomes = engine.runAllDue(workerId);
        for (SyncEngine.Outcome o : outcomes) {
            if (o.succeeded()) {
                LOG.infof("Run %s of district %s (%s) done in %.1f s", o.claim().runId(), o.claim().districtId(), o.claim().kind(),
                        o.millis() / 1000.0);
            } else {
                LOG.errorf("Run %s of district %s (%s) failed: %s", o.claim().runId(), o.claim().districtId(), o.claim().kind(), o.error());
            }
        }
        return outcomes;
    }
}
