package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code orc sync resume SOURCE}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc sync resume shop"},
        name = "resume", description = "Let a suspended GitSource sync again; it syncs at once.")
final class SyncResumeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "SOURCE", description = "The GitSource.")
    String source;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(SyncSuspension.set(client, source, false));
        return 0;
    }
}
