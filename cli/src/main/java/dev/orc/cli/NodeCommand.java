package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.model.Durations;
import dev.orc.api.model.Quantity;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.HostFacts;
import dev.orc.node.NodeAgent;
import dev.orc.node.NodeConfig;
import dev.orc.node.NodeFlags;
import dev.orc.node.runtime.docker.DockerRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code orc node}: joins a server and runs the pods bound to this machine in Docker until stopped. */
@Command(name = "node", description = "Run a node agent: register this machine and run its pods in Docker.")
public final class NodeCommand implements Callable<Integer> {

    @Option(names = "--server", required = true, description = "API server URL, e.g. https://10.0.0.1:6443")
    String server;

    @Option(names = "--token", required = true, description = "Token to authenticate to the server (also guards the log endpoint).")
    String token;

    @Option(names = "--certificate-authority", paramLabel = "FILE",
            description = "PEM file of the CA that signed the server's certificate (orc server writes it to DATA_DIR/pki/ca.crt).")
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

    @Override
    public Integer call() throws Exception {
        HostFacts host = HostFacts.detect();
        String nodeName = name != null ? name : host.hostname().toLowerCase();
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".orc", "node");
        Duration interval = Durations.parse(heartbeat);
        NodeConfig defaults = NodeConfig.defaults(nodeName, dir, token);
        NodeConfig config = new NodeConfig(nodeName, NodeFlags.labels(labels), NodeFlags.taints(taints),
                Optional.ofNullable(address), Optional.ofNullable(cpu).map(Quantity::parse),
                Optional.ofNullable(memory).map(Quantity::parse), maxPods, dir, token, interval, logPort,
                defaults.crashLoopInitial(), defaults.crashLoopMax(), defaults.resync());
        ClientConfig clientConfig = ClientConfig.empty().withServer(server).withToken(token);
        if (certificateAuthority != null) {
            clientConfig = clientConfig.withCertificateAuthority(certificateAuthority);
        }
        ApiClient client = ApiClient.connect(clientConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        try (DockerRuntime runtime = DockerRuntime.connect();
             NodeAgent agent = NodeAgent.start(config, new ApiNodeApi(client), runtime, Clock.systemUTC(),
                     VersionCommand.version())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            System.err.printf("orc node %s: running pods at %s, logs on port %d%n", nodeName, agent.hostIP(),
                    agent.logPort());
            stopped.await();
        }
        return 0;
    }
}
