package dev.orc.cli;

import dev.orc.api.client.Kubeconfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code orc config use-context NAME}: makes a context the current one, in the first config file, as kubectl does. */
@Command(name = "use-context", description = "Make a context the current one.",
        footerHeading = "%nExamples:%n", footer = "  orc config use-context orc")
final class ConfigUseContextCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CONTEXT", description = "The context's name (orc config get-contexts lists them).")
    String name;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        ConfigFiles files = ConfigFiles.of(spec);
        if (files.merged().context(name).isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "no context named \"" + name + "\" in " + files.files()
                    + " (orc config get-contexts lists them)");
        }
        Kubeconfig.readOrEmpty(files.first()).withCurrentContext(name).write(files.first());
        cmd.getOut().println("Switched to context \"" + name + "\".");
        return 0;
    }
}
