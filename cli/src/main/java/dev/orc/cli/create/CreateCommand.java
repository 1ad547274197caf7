package dev.orc.cli.create;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc create configmap|secret ...}: objects made from literals and files rather than manifests. */
@Command(name = "create", description = "Create a ConfigMap or a Secret from literals, files and env files.",
        subcommands = {ConfigMapCommand.class, SecretCommand.class})
public final class CreateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "what to create is required: configmap or secret");
    }
}
