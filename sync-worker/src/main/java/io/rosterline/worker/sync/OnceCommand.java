package io.rosterline.worker.sync;

import jakarta.inject.Inject;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** For the Kubernetes CronJob: claim and run all due work, then exit 0, or 1 when a run failed. */
@Command(name = "once", mixinStandardHelpOptions = true,
        description = "Claim and run every due sync run, then exit (0: all succeeded or nothing was due; 1: a run failed).")
public class OnceCommand implements Callable<Integer> {

    @Inject
    WorkerRunner runner;

    @Override
    public Integer call() {
        var outcomes = runner.runAllDue();
        long failed = outcomes.stream().filter(o -> !o.succeeded()).count();
        System.out.printf("%d run(s) done, %d failed%n", outcomes.size() - failed, failed);
        return failed == 0 ? 0 : 1;
    }
}
