package dev.orc.cli.server;

import dev.orc.reconciler.apiserver.http.RequestLimits;
import dev.orc.cli.LogOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code orc server}: the API server over etcd or the embedded SQLite store, until SIGTERM/SIGINT. */
@Command(footerHeading = "%nExamples:%n", footer = {"  # one server on the embedded store, syncing a Git repository", "  orc server --git https://example.com/ops.git#main:apps", "", "  # one of several servers sharing an etcd cluster", "  orc server --store etcd://10.0.0.1:2379,10.0.0.2:2379 --cluster-token T"},
        name = "server", description = "Run the orc API server.")
public final class ServerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LogOptions logging;

    @Option(names = "--store", paramLabel = "sqlite:DIR|etcd://HOST:PORT,...",
            description = "Where the cluster state lives (default: sqlite under the data dir).")
    String store;

    @Option(names = "--listen", paramLabel = "ADDR:PORT", defaultValue = ServerOptions.DEFAULT_LISTEN,
            description = "Address to serve the API on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--advertise-address", paramLabel = "IP",
            description = "The IPv4 address pods and the other servers reach this server at, listed in the endpoints of"
                    + " the kubernetes Service (default: the --listen address, or this machine's when listening on"
                    + " every address; none on loopback).")
    String advertiseAddress;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ~/.orc).")
    Path dataDir;

    @Option(names = "--insecure-localhost",
            description = "Serve plain HTTP without tokens; only allowed on a loopback address, and only for requests naming a loopback Host and no other site's Origin.")
    boolean insecureLocalhost;

    @Option(names = "--git", paramLabel = "URL[#REF][:PATH]", description = "Sync this repository through a GitSource.")
    String git;

    @Option(names = "--max-requests-inflight", paramLabel = "N", defaultValue = "400",
            description = "Read-only requests served at once; one more is answered 429 with Retry-After "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxRequestsInFlight;

    @Option(names = "--max-mutating-requests-inflight", paramLabel = "N", defaultValue = "200",
            description = "Writes served at once; one more is answered 429 with Retry-After (default: ${DEFAULT-VALUE}).")
    int maxMutatingRequestsInFlight;

    @CommandLine.Mixin
    NodeLifecycleOptions nodeLifecycle;

    @CommandLine.Mixin
    ClusterFlags cluster;

    @CommandLine.Mixin
    AuditFlags audit;

    @CommandLine.Mixin
    GitOpsFlags gitops;

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options = new ServerOptions(store, listen, dataDir != null ? dataDir : ServerOptions.defaultDataDir(),
                insecureLocalhost, ServerOptions.defaultClientConfig(),
                new RequestLimits(maxRequestsInFlight, maxMutatingRequestsInFlight), audit.settings(), gitops.policy(),
                advertiseAddress);
        ServerRunner running = ServerRunner.start(options, java.util.Optional.ofNullable(git).map(GitFlag::parse),
                nodeLifecycle.config(), cluster.options());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("orc server listening on %s (store: %s)%n", running.server().url(), options.storeOrDefault());
        out.println(OwnClientConfig.describe(options.clientConfig(), running.clientConfig(), options.clientContext()));
        out.flush();
        Lifecycle.runUntilSignalled(running);
        return 0;
    }
}
