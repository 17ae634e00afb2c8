package io.rosterline.api.safety;

import io.rosterline.api.staging.RunCompleted;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * After a run of a district completes, its readiness review is computed and stored on a background thread, one
 * district at a time (a district already waiting is not queued twice). A failure here costs nothing but the head start:
 * the next request computes the review as it always could.
 */
@ApplicationScoped
public class ReadinessPrecompute {

    private static final Logger LOG = Logger.getLogger(ReadinessPrecompute.class);

    @Inject
    ReadinessService readiness;
    @Inject
    ReadinessConfig config;

    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "readiness-precompute");
        t.setDaemon(true);
        return t;
    });

    void afterRun(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunCompleted run) {
        if (!config.precompute() || !waiting.add(run.districtId())) {
            return;
        }
        executor.execute(() -> {
            // Out of the waiting set before computing: a run completing meanwhile queues a computation of its own roster.
            waiting.remove(run.districtId());
            try {
                readiness.precompute(run.districtId());
            } catch (RuntimeException e) {
                LOG.warnf("Precomputing the readiness review of district %s failed (the next request computes it): %s",
                        run.districtId(), e.getMessage());
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
