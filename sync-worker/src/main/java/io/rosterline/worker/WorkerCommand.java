package io.rosterline.worker;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import io.rosterline.worker.sync.DaemonCommand;
import io.rosterline.worker.sync.OnceCommand;
import picocli.CommandLine;

/**
 * The sync worker's entry point, one subcommand per job: `once` for the Kubernetes CronJob (its exit code is the
 * Job's result), `daemon` for a long-running poller, `read-source` for integrators checking a source by hand.
 */
@TopCommand
@CommandLine.Command(name = "sync-worker", mixinStandardHelpOptions = true,
        description = "Rosterline sync worker: reads districts' student information systems and syncs them into roster-api.",
        subcommands = {OnceCommand.class, DaemonCommand.class, ReadSourceCommand.class})
public class WorkerCommand {
}
