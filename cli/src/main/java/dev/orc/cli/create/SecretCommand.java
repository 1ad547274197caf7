package dev.orc.cli.create;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc create secret generic ...}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc create secret generic db --from-literal password=s3cret"},
        name = "secret", description = "Create a Secret.", subcommands = GenericSecretCommand.class)
final class SecretCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "the type of secret is required: generic");
    }
}
