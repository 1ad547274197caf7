package dev.orc.bench;

import dev.orc.cli.ErrorHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code orc bench}: measurements of orc's parts on this machine. They ship in their own jar, beside orc.jar rather
 * than in it: the {@code orc} launcher starts {@link #main} with both on the class path when the first argument is
 * {@code bench}.
 */
@Command(name = "bench",
        description = "Measure the performance of orc's parts on this machine.",
        subcommands = {StoreBenchCommand.class, SchedulerBenchCommand.class, RolloutBenchCommand.class, SyncBenchCommand.class,
                IdleBenchCommand.class, CliBenchCommand.class, StoreSizeBenchCommand.class,
                FailoverBenchCommand.class, SoakBenchCommand.class, IngressBenchCommand.class,
                DashboardBenchCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /** Runs {@code orc bench ARGS}: {@code args} are what follows {@code bench}. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The {@code orc bench} command line, with orc's one-line errors. */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new BenchCommand());
        cmd.setCommandName("orc bench");
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        return cmd;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required (store, scheduler, rollout, sync, idle, cli, store-size, failover, soak, ingress, dashboard)");
    }
}
