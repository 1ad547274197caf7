package dev.orc.cli.server;

import dev.orc.api.client.ApiClient;
import dev.orc.api.wait.MonotonicClock;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.HostFacts;
import dev.orc.node.NodeAgent;
import dev.orc.reconciler.apiserver.ServerFiles;
import dev.orc.node.NodeConfig;
import dev.orc.node.ingress.IngressConfig;
import dev.orc.node.runtime.docker.DockerRuntime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Optional;

/** The node agent {@code orc up} runs in its own process: this machine's Docker engine joins the cluster. */
final class LocalNode implements AutoCloseable {
    private final DockerRuntime runtime;
    private final NodeAgent agent;

    private LocalNode(DockerRuntime runtime, NodeAgent agent) {
        this.runtime = runtime;
        this.agent = agent;
    }

    static LocalNode start(ApiClient client, Path dataDir, PublicKey serverKey, String version, Optional<String> nodeName,
                           IngressConfig ingress) {
        String name = nodeName.orElseGet(() -> HostFacts.detect().hostname().toLowerCase(Locale.ROOT));
        NodeConfig config = NodeConfig.defaults(name, dataDir.resolve("node")).withServerKey(serverKey)
                .withIngress(ingress);
        Path ca = dataDir.resolve(ServerFiles.CA_CERTIFICATE);
        if (Files.exists(ca)) {
            config = config.withCertificateAuthority(ca);
        }
        DockerRuntime runtime = DockerRuntime.connect();
        try {
            return new LocalNode(runtime, NodeAgent.start(config, new ApiNodeApi(client), runtime, MonotonicClock.system(), version));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    String name() {
        return agent.name();
    }

    /** Where the ingress listens, as a person reads it, when the node runs one. */
    Optional<String> ingressPorts() {
        return agent.ingress().map(IngressPorts::describe);
    }

    @Override
    public void close() {
        agent.close();
        runtime.close();
    }
}
