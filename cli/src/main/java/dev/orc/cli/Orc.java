package dev.orc.cli;

import dev.orc.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code orc} command: one runnable jar for the client verbs, the server and the node agent. */
@Command(name = "orc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "A declarative, GitOps-driven container orchestrator.",
        subcommands = {
                ValidateCommand.class,
                VersionCommand.class,
                CompletionCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Orc implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run {@code orc} in-process. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Orc());
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        return cmd;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
