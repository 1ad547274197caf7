package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code orc version [--client]}: the client's version and the Java it runs on, then the server's when one is configured. */
@Command(name = "version", description = "Print the version of orc, and of the server when one is configured.",
        footerHeading = "%nExamples:%n",
        footer = {"  # this client and the server of the current context", "  orc version", "",
                "  # this client only, without asking a server", "  orc version --client"})
public final class VersionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Option(names = "--client", description = "Print the client's version only.")
    boolean clientOnly;

    public static String version() {
        String v = Orc.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        cmd.getOut().printf("Client Version: orc %s (Java %s)%n", version(), Runtime.version());
        if (clientOnly || !client.serverConfigured()) {
            return 0;
        }
        JsonNode server = client.client().version();
        cmd.getOut().printf("Server Version: orc %s (Kubernetes %s)%n", server.path("orcVersion").asText("unknown"),
                server.path("gitVersion").asText("unknown"));
        return 0;
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"orc " + version()};
        }
    }
}
