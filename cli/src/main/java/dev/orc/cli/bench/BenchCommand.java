package dev.orc.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc bench}: measurements of orc's parts on this machine. */
@Command(name = "bench", description = "Measure the performance of orc's parts on this machine.",
        subcommands = {StoreBenchCommand.class, SchedulerBenchCommand.class, RolloutBenchCommand.class, SyncBenchCommand.class,
                IdleBenchCommand.class, CliBenchCommand.class, StoreSizeBenchCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required (store, scheduler, rollout, sync, idle, cli, store-size)");
    }
}
