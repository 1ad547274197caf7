package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc set image ...}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc set image deployment/web web=nginx:1.27"},
        name = "set", description = "Change one field of a workload.", subcommands = SetImageCommand.class)
final class SetCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: image");
    }
}
