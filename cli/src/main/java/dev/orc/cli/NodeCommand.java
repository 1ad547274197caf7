package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.model.Durations;
import dev.orc.api.model.Quantity;
import dev.orc.api.wait.MonotonicClock;
import dev.orc.cli.server.IngressFlags;
import dev.orc.cli.server.IngressPorts;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.HostFacts;
import dev.orc.node.NodeAgent;
import dev.orc.node.NodeConfig;
import dev.orc.node.NodeFlags;
import dev.orc.node.NodeNetworkConfig;
import dev.orc.node.proxy.ProxyMode;
import dev.orc.node.runtime.docker.DockerRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code orc node}: joins a server and runs the pods bound to this machine in Docker until stopped. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc node --server https://10.0.0.1:6443 --token T --certificate-authority ca.crt", "  orc node --server https://a:6443,https://b:6443 --token T --labels zone=a --taints dedicated=db:NoSchedule"},
        name = "node", description = "Run a node agent: register this machine and run its pods in Docker.")
public final class NodeCommand implements Callable<Integer> {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    @CommandLine.Mixin
    LogOptions logging;

    @Option(names = "--server", required = true, paramLabel = "URL[,URL...]",
            description = "API server URL, e.g. https://10.0.0.1:6443; with several servers, all of them separated by commas: "
                    + "the agent uses the next when one stops answering.")
    String server;

    @Option(names = "--token-file", required = true, paramLabel = "FILE",
            description = "File holding the node's token (`orc token create --node NAME`), read at start; a file, not "
                    + "an argument, so that other users of the machine do not see it in the process list.")
    Path tokenFile;

    @Option(names = "--certificate-authority", paramLabel = "FILE",
            description = "PEM file of the cluster CA (orc server writes it to DATA_DIR/pki/ca.crt): it signed the "
                    + "server's certificate and the server's requests to this node's log and stats endpoints, which "
                    + "refuse every request without it.")
    Path certificateAuthority;

    @Option(names = "--name", description = "Node name (default: this machine's hostname).")
    String name;

    @Option(names = "--labels", description = "Extra node labels: k=v,k2=v2.")
    String labels;

    @Option(names = "--taints", description = "Taints to register with: key=value:Effect,...")
    String taints;

    @Option(names = "--address", description = "Address pods are reached at (default: the first non-loopback IPv4).")
    String address;

    @Option(names = "--cpu", description = "CPU to offer, e.g. 2 or 1500m (default: all cores).")
    String cpu;

    @Option(names = "--memory", description = "Memory to offer, e.g. 4Gi (default: MemTotal).")
    String memory;

    @Option(names = "--max-pods", defaultValue = "110", description = "Most pods this node runs (default: ${DEFAULT-VALUE}).")
    int maxPods;

    @Option(names = "--data-dir", description = "Where the agent keeps its data (default: ~/.orc/node).")
    Path dataDir;

    @Option(names = "--heartbeat", defaultValue = "3s", description = "How often the node reports it is alive (default: ${DEFAULT-VALUE}).")
    String heartbeat;

    @Option(names = "--log-port", defaultValue = "10250", description = "Port of the container log endpoint (default: ${DEFAULT-VALUE}, 0 picks one).")
    int logPort;

    @CommandLine.Mixin
    IngressFlags ingress;

    @Option(names = "--no-proxy", description = "Do not run the service proxy (cluster IPs and node ports).")
    boolean noProxy;

    @Option(names = "--proxy-mode", defaultValue = "auto", paramLabel = "iptables|userspace|auto",
            description = "How the service proxy forwards: in the kernel with iptables DNAT rules, in user space, "
                    + "or iptables when it works here (default: ${DEFAULT-VALUE}).")
    String proxyMode;

    @Option(names = "--no-dns", description = "Do not run the cluster DNS server; pods keep Docker's default resolv.conf.")
    boolean noDns;

    @Option(names = "--dns-address", paramLabel = "IP[:PORT]",
            description = "Where the cluster DNS server listens (default: Docker's bridge gateway, port 53). "
                    + "An address this machine lacks is added to it, like a service IP.")
    String dnsAddress;

    @Option(names = "--dns-upstream", paramLabel = "IP[:PORT],...",
            description = "Resolvers for names outside the cluster domain (default: those of /etc/resolv.conf).")
    String dnsUpstream;

    @Option(names = "--cluster-domain", defaultValue = NodeNetworkConfig.DEFAULT_DOMAIN,
            description = "The cluster's DNS domain (default: ${DEFAULT-VALUE}).")
    String clusterDomain;

    @Override
    public Integer call() throws Exception {
        HostFacts host = HostFacts.detect();
        String nodeName = name != null ? name : host.hostname().toLowerCase();
        Path dir = dataDir != null ? dataDir : Home.of(System.getenv()).resolve(".orc").resolve("node");
        Duration interval = Durations.parse(heartbeat);
        NodeConfig defaults = NodeConfig.defaults(nodeName, dir);
        String token = NodeCredentials.token(tokenFile);
        NodeConfig config = new NodeConfig(nodeName, NodeFlags.labels(labels), NodeFlags.taints(taints),
                Optional.ofNullable(address), Optional.ofNullable(cpu).map(Quantity::parse),
                Optional.ofNullable(memory).map(Quantity::parse), maxPods, dir,
                Optional.ofNullable(certificateAuthority).map(NodeCredentials::caKey), interval, logPort,
                defaults.crashLoopInitial(), defaults.crashLoopMax(), defaults.resync(), network(), ingress.config(),
                Optional.ofNullable(certificateAuthority));
        ClientConfig clientConfig = ClientConfig.empty().withServer(server).withToken(token);
        if (certificateAuthority != null) {
            clientConfig = clientConfig.withCertificateAuthority(certificateAuthority);
        }
        ApiClient client = ApiClient.connect(clientConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopped.countDown();
            awaitClosed(closed);
        }, "orc-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (DockerRuntime runtime = DockerRuntime.connect();
             NodeAgent agent = NodeAgent.start(config, new ApiNodeApi(client), runtime, MonotonicClock.system(),
                     VersionCommand.version())) {
            System.err.printf("orc node %s: running pods at %s, logs on port %d%s%s%n", nodeName, agent.hostIP(),
                    agent.logPort(), agent.services().dnsAddress().map(a -> ", cluster DNS on " + a).orElse(""),
                    agent.ingress().map(i -> ", ingress " + IngressPorts.describe(i)).orElse(""));
            stopped.await();
            System.err.printf("orc node %s: stopping (containers keep running for the next agent)%n", nodeName);
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private NodeNetworkConfig network() {
        return new NodeNetworkConfig(!noProxy, !noDns,
                Optional.ofNullable(dnsAddress).map(a -> NodeFlags.address("--dns-address", a, NodeNetworkConfig.DNS_PORT)),
                NodeFlags.addresses("--dns-upstream", dnsUpstream, NodeNetworkConfig.DNS_PORT), clusterDomain,
                ProxyMode.parse(proxyMode));
    }

    /** The JVM exits when its shutdown hooks end: this one waits (a bounded while) for the agent to close. */
    private static void awaitClosed(CountDownLatch closed) {
        try {
            if (!closed.await(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("orc node: not stopped within " + SHUTDOWN_GRACE.toSeconds() + " s, exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
