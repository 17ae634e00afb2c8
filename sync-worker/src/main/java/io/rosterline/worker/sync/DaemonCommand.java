package io.rosterline.worker.sync;

import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Long-running worker: polls roster-api for due work every rosterline.worker.poll (quarkus-scheduler). Any number
 * of daemons may run; the queue's leases keep them from running one district twice.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true, description = "Poll roster-api for due runs until stopped.")
public class DaemonCommand implements Callable<Integer> {

    @Inject
    Poller poller;

    @Override
    public Integer call() {
        poller.activate();
        Quarkus.waitForExit();
        return 0;
    }

    @ApplicationScoped
    public static class Poller {
        private static final Logger LOG = Logger.getLogger(Poller.class);
        private final AtomicBoolean active = new AtomicBoolean();

        @Inject
        WorkerRunner runner;

        /**
         * A method, not a field write: the command holds a client proxy of this bean, and a field set through a proxy
         * lands on the proxy, not on the bean the scheduler calls (the daemon then never polled).
         */
        void activate() {
            active.set(true);
        }

        @Scheduled(every = "${rosterline.worker.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
        void poll() {
            if (!active.get()) {
                return;
            }
            try {
                runner.runAllDue();
            } catch (RuntimeException e) {
                LOG.warnf("Polling roster-api failed; will try again: %s", e.getMessage());
            }
        }
    }
}
