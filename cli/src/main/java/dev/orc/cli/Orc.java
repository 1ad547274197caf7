package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code orc} command: one runnable jar for the client verbs, the server and the node agent. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc up", "  orc get pods -A", "  orc apply -f app.yaml", "  orc rollout status deployment/web"},
        name = "orc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "A declarative, GitOps-driven container orchestrator.",
        scope = CommandLine.ScopeType.INHERIT)
public final class Orc implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Environment environment;

    private Orc(Environment environment) {
        this.environment = environment;
    }

    /** Runs one command, having built picocli's model of that command only (see {@link TopLevelCommands}). */
    public static void main(String[] args) {
        System.exit(execute(Environment.system(), args));
    }

    /** Runs the command {@code args} call and returns its exit code. */
    static int execute(Environment environment, String... args) {
        CommandLine cmd = root(environment);
        TopLevelCommands.registerFor(cmd, args);
        return cmd.execute(args);
    }

    /** The configured command line with every command, also used by tests to run {@code orc} in-process. */
    public static CommandLine commandLine() {
        return commandLine(Environment.system());
    }

    /** The command line reading env, home directory, stdin and time from {@code environment}. */
    static CommandLine commandLine(Environment environment) {
        CommandLine cmd = root(environment);
        TopLevelCommands.registerAll(cmd);
        return cmd;
    }

    private static CommandLine root(Environment environment) {
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
