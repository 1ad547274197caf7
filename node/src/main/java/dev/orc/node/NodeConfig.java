package dev.orc.node;

import dev.orc.node.ingress.IngressConfig;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.Taint;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an agent runs: its node's name, labels, taints and address, the resources it offers (empty: read
 * from the host), where it keeps data, the key the API server signs
 * its requests to the node's log and stats endpoints with (the cluster CA's; empty: those endpoints refuse everyone), and its timings.
 *
 * @param logPort port of the log endpoint; 0 picks a free one
 * @param crashLoopInitial first CrashLoopBackOff delay (Kubernetes: 10 s), doubling to {@code crashLoopMax}
 * @param resync the longest a pod goes without a look (also how soon a crashed container is noticed)
 * @param network the service proxy and cluster DNS of the node
 * @param ingress the node's ingress controller (off in {@link #defaults})
 * @param certificateAuthority the cluster CA's certificate, pods' {@code ca.crt}; empty over plain HTTP
 */
public record NodeConfig(String name, Map<String, String> labels, List<Taint> taints, Optional<String> address,
                         Optional<Quantity> cpu, Optional<Quantity> memory, int maxPods, Path dataDir,
                         Optional<PublicKey> serverKey, Duration heartbeat, int logPort, Duration crashLoopInitial,
                         Duration crashLoopMax, Duration resync, NodeNetworkConfig network,
                         IngressConfig ingress, Optional<Path> certificateAuthority) {

    public static final int DEFAULT_MAX_PODS = 110;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(3);

    public NodeConfig {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        if (maxPods <= 0) {
            throw new IllegalArgumentException("--max-pods must be positive, got " + maxPods);
        }
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(ingress, "ingress");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("--heartbeat must be positive, got " + heartbeat);
        }
    }

    /** Defaults for everything but the name and data dir; no server key. */
    public static NodeConfig defaults(String name, Path dataDir) {
        return new NodeConfig(name, Map.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_MAX_PODS, dataDir, Optional.empty(), DEFAULT_HEARTBEAT, 0, Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofSeconds(2), NodeNetworkConfig.DEFAULTS, IngressConfig.OFF, Optional.empty());
    }

    public NodeConfig withCrashLoop(Duration initial, Duration max) {
        return new NodeConfig(name, labels, taints, address, cpu, memory, maxPods, dataDir, serverKey, heartbeat, logPort,
                initial, max, resync, network, ingress,
                certificateAuthority);
    }

    public NodeConfig withResync(Duration resync) {
        return new NodeConfig(name, labels, taints, address, cpu, memory, maxPods, dataDir, serverKey, heartbeat, logPort,
                crashLoopInitial, crashLoopMax, resync, network, ingress,
                certificateAuthority);
    }

    public NodeConfig withAddress(String address) {
        return new NodeConfig(name, labels, taints, Optional.of(address), cpu, memory, maxPods, dataDir, serverKey,
                heartbeat, logPort, crashLoopInitial, crashLoopMax, resync, network, ingress,
                certificateAuthority);
    }

    public NodeConfig withServerKey(PublicKey key) {
        return new NodeConfig(name, labels, taints, address, cpu, memory, maxPods, dataDir, Optional.of(key), heartbeat,
                logPort, crashLoopInitial, crashLoopMax, resync, network, ingress,
                certificateAuthority);
    }

    public NodeConfig withIngress(IngressConfig ingress) {
        return new NodeConfig(name, labels, taints, address, cpu, memory, maxPods, dataDir, serverKey, heartbeat, logPort,
                crashLoopInitial, crashLoopMax, resync, network, ingress,
                certificateAuthority);
    }

    public NodeConfig withNetwork(NodeNetworkConfig network) {
        return new NodeConfig(name, labels, taints, address, cpu, memory, maxPods, dataDir, serverKey, heartbeat, logPort,
                crashLoopInitial, crashLoopMax, resync, network, ingress,
                certificateAuthority);
    }

    /** The cluster CA's certificate file, which the agent trusts the server by and hands pods as their ca.crt. */
    public NodeConfig withCertificateAuthority(Path file) {
        return new NodeConfig(name, labels, taints, address, cpu, memory, maxPods, dataDir, serverKey, heartbeat, logPort,
                crashLoopInitial, crashLoopMax, resync, network, ingress, Optional.of(file));
    }
}
