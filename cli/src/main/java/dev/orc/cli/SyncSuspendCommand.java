package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code orc sync suspend SOURCE}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc sync suspend shop", "  orc sync suspend shop -n apps"},
        name = "suspend", description = "Stop syncing a GitSource (and self-healing its objects) until it is resumed.")
final class SyncSuspendCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "SOURCE", description = "The GitSource.")
    String source;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(SyncSuspension.set(client, source, true));
        return 0;
    }
}
