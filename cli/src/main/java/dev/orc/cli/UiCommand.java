package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.net.URI;
import java.util.concurrent.Callable;

/**
 * {@code orc ui}: prints a one-time link to the server's dashboard that logs the browser in as this client's user,
 * as Jupyter prints its login link. The link works once, for 30 minutes, on the server that made it.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  # open the dashboard as yourself", "  orc ui",
        "", "  # as another user, whose token you hold", "  orc ui --token ID.SECRET"},
        name = "ui", description = "Print a one-time login link to the web dashboard.")
final class UiCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        URI server = client.client().server();
        String path = client.client().dashboardLoginPath();
        spec.commandLine().getOut().println(server.resolve(path));
        spec.commandLine().getOut().println("(the link logs in once, within 30 minutes; after that run orc ui again)");
        return 0;
    }
}
