package dev.orc.cli;

import dev.orc.cli.bench.BenchCommand;
import dev.orc.cli.create.CreateCommand;
import dev.orc.cli.top.TopCommand;
import dev.orc.cli.server.ServerCommand;
import dev.orc.cli.server.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code orc} command: one runnable jar for the client verbs, the server and the node agent. */
@Command(name = "orc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "A declarative, GitOps-driven container orchestrator.",
        subcommands = {
                ApplyCommand.class,
                RolloutCommand.class,
                ScaleCommand.class,
                SetCommand.class,
                CordonCommand.class,
                UncordonCommand.class,
                DrainCommand.class,
                SyncCommand.class,
                GetCommand.class,
                DescribeCommand.class,
                DeleteCommand.class,
                DiffCommand.class,
                EventsCommand.class,
                LogsCommand.class,
                CreateCommand.class,
                TopCommand.class,
                ValidateCommand.class,
                NodeCommand.class,
                VersionCommand.class,
                CompletionCommand.class,
                BenchCommand.class,
                ServerCommand.class,
                UpCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Orc implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Environment environment;

    private Orc(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run {@code orc} in-process. */
    public static CommandLine commandLine() {
        return commandLine(Environment.system());
    }

    /** The command line reading env, home directory, stdin and time from {@code environment}. */
    static CommandLine commandLine(Environment environment) {
        CommandLine cmd = new CommandLine(new Orc(environment));
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        return cmd;
    }

    Environment environment() {
        return environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
