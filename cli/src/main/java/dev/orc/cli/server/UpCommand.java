package dev.orc.cli.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code orc up}: a whole single-node cluster in one process, with the embedded store under the data dir. */
@Command(name = "up", description = "Run a single-node orc cluster in this process (embedded store).")
public final class UpCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = ServerOptions.DEFAULT_LISTEN,
            description = "Address to serve the API on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.orc).")
    Path dataDir;

    @Option(names = "--insecure-localhost",
            description = "Serve plain HTTP without tokens; only allowed on a loopback address.")
    boolean insecureLocalhost;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = dataDir != null ? dataDir : ServerOptions.defaultDataDir();
        ServerOptions options = new ServerOptions("sqlite:" + dir, listen, dir, insecureLocalhost,
                ServerOptions.defaultClientConfig());
        ServerRunner running = ServerRunner.start(options);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("orc is up: API at %s, state in %s%n", running.server().url(), dir);
        out.printf("the CLI is configured through %s; try: orc apply -f examples/ && orc get all%n",
                running.clientConfig());
        out.printf("(to point another shell or kubectl elsewhere: ORC_CONFIG=%s, or --server %s)%n",
                running.clientConfig(), running.server().url());
        out.println("press Ctrl-C to stop");
        out.flush();
        Lifecycle.runUntilSignalled(running);
        return 0;
    }
}
