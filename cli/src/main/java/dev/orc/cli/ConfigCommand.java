package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc config}: the kubeconfig contexts the client chooses between. */
@Command(name = "config", description = "Show and choose the contexts of the client config (a kubeconfig).",
        subcommands = {ConfigGetContextsCommand.class, ConfigCurrentContextCommand.class, ConfigUseContextCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  orc config get-contexts", "  orc config use-context orc", "  orc config current-context"})
public final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: get-contexts, current-context or use-context");
    }
}
