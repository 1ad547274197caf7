package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc auth}: questions about the caller's permissions. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc auth can-i create deployments -n shop"},
        name = "auth", description = "Inspect authorization.", subcommands = CanICommand.class)
public final class AuthCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: can-i");
    }
}
