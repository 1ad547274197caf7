package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code orc cordon NODE}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc cordon node-1"},
        name = "cordon", description = "Mark a node unschedulable: new pods are not placed on it; its running pods stay.")
final class CordonCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "NODE", description = "The node's name.")
    String node;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(NodeCordon.set(client.client(), node, true));
        return 0;
    }
}
