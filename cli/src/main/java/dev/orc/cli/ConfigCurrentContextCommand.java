package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code orc config current-context}. */
@Command(name = "current-context", description = "Print the name of the current context.",
        footerHeading = "%nExamples:%n", footer = "  orc config current-context")
final class ConfigCurrentContextCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String current = ConfigFiles.of(spec).merged().currentContext();
        if (current.isEmpty()) {
            spec.commandLine().getErr().println("error: current-context is not set");
            return 1;
        }
        spec.commandLine().getOut().println(current);
        return 0;
    }
}
