package dev.orc.cli.server;

import dev.orc.api.gitops.UrlCredentials;
import dev.orc.cli.VersionCommand;
import dev.orc.cli.LogOptions;
import dev.orc.reconciler.gitops.GitOpsPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code orc up}: a whole single-node cluster in one process — the API server on the embedded store, the
 * controllers, and a node agent on this machine's Docker engine — syncing {@code --git} or the bundled examples.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc up", "  orc up --git https://example.com/ops.git#main:apps --data-dir /var/lib/orc"},
        name = "up", description = "Run a single-node orc cluster in this process (embedded store, local node).")
public final class UpCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LogOptions logging;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = ServerOptions.DEFAULT_LISTEN,
            description = "Address to serve the API on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.orc).")
    Path dataDir;

    @Option(names = "--insecure-localhost",
            description = "Serve plain HTTP without tokens; only allowed on a loopback address.")
    boolean insecureLocalhost;

    @Option(names = "--git", paramLabel = "URL[#REF][:PATH]",
            description = "Sync this repository through a GitSource (default: the examples bundled with orc).")
    String git;

    @Option(names = "--no-git", description = "Sync nothing at start.")
    boolean noGit;

    @Option(names = "--no-node", description = "Run no node agent in this process (nodes join with orc node).")
    boolean noNode;

    @Option(names = "--node-name", paramLabel = "NAME", description = "Name of the local node (default: this machine's hostname).")
    String nodeName;

    @CommandLine.Mixin
    NodeLifecycleOptions nodeLifecycle;

    @CommandLine.Mixin
    IngressFlags ingress;

    @Override
    public Integer call() throws InterruptedException, IOException {
        Path dir = dataDir != null ? dataDir : ServerOptions.defaultDataDir();
        ServerOptions options = new ServerOptions("sqlite:" + dir, listen, dir, insecureLocalhost,
                ServerOptions.defaultClientConfig()).withGitOps(GitOpsPolicy.standard().withFileUrls());
        Optional<GitFlag> source = noGit ? Optional.empty()
                : Optional.of(git != null ? GitFlag.parse(git) : GitFlag.parse(BundledExamples.repository(dir) + "#main"));
        ServerRunner running = ServerRunner.start(options, source, nodeLifecycle.config());
        LocalNode node = null;
        try {
            if (!noNode) {
                node = LocalNode.start(running.client(), dir, running.server().nodeClientKey(), VersionCommand.version(),
                        Optional.ofNullable(nodeName), ingress.config());
            }
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("orc is up: API at %s, state in %s%n", running.server().url(), dir);
        if (node != null) {
            out.printf("node %s runs pods on this machine's Docker engine%n", node.name());
            node.ingressPorts().ifPresent(ports -> out.printf("ingress: %s%n", ports));
        }
        source.ifPresent(flag -> out.printf("syncing GitSource default/%s from %s%n", flag.sourceName(),
                UrlCredentials.redact(flag.url())));
        out.println(OwnClientConfig.describe(options.clientConfig(), running.clientConfig(), options.clientContext()));
        running.server().dashboardLink(running.token()).ifPresent(link -> out.printf("dashboard: %s%n", link));
        out.println("try: orc get all, orc sync status");
        out.printf("(to point another shell or kubectl elsewhere: ORC_CONFIG=%s, or --server %s)%n",
                running.clientConfig(), running.server().url());
        out.println("press Ctrl-C to stop");
        out.flush();
        LocalNode started = node;
        Lifecycle.runUntilSignalled(() -> {
            if (started != null) {
                started.close();
            }
            running.close();
        });
        return 0;
    }
}
