package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code orc uncordon NODE}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc uncordon node-1"},
        name = "uncordon", description = "Mark a node schedulable again.")
final class UncordonCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "NODE", description = "The node's name.")
    String node;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(NodeCordon.set(client.client(), node, false));
        return 0;
    }
}
