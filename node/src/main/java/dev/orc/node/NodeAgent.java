package dev.orc.node;

import dev.orc.node.config.CachedConfigSource;
import dev.orc.node.cluster.NodeApi;
import dev.orc.node.ingress.NodeIngress;
import dev.orc.api.model.ClaimLabels;
import dev.orc.node.logs.ContainerLogs;
import dev.orc.node.logs.LogServer;
import dev.orc.node.net.ServingIdentity;
import dev.orc.node.logs.ServerRequests;
import dev.orc.node.stream.StreamServer;
import dev.orc.api.nodeaccess.NodeStreamEndpoint;
import dev.orc.node.pod.KeyedBackoff;
import dev.orc.node.pod.PodWorker;
import dev.orc.node.pod.PodWorkers;
import dev.orc.node.probe.ProbeManager;
import dev.orc.node.proxy.AddressBinder;
import dev.orc.node.proxy.CommandRunner;
import dev.orc.node.proxy.IpCommandBinder;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ImageBuild;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.stats.NodeStats;
import dev.orc.node.volume.MemoryMounts;
import dev.orc.node.volume.PodVolumes;
import dev.orc.node.volume.ServiceAccountVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code orc node}: registers the Node, keeps its heartbeat, serves container logs and live usage
 * ({@code /stats/summary}, for {@code orc top}), probes containers, runs the pods bound to it through one
 * {@link PodWorkers}, serves services through {@link NodeServices} (proxy and cluster DNS) and Ingresses through
 * {@link NodeIngress} (when configured). Closing it stops
 * the agent and removes the addresses it added, not the containers: the next agent of the same name adopts them.
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    /** How long a stopping agent tries to say so: a server that does not answer must not hold up the stop. */
    private static final Duration STOP_REPORT_TIMEOUT = Duration.ofSeconds(2);
    /** Where the ingress listens besides the node's address, so that {@code curl http://127.0.0.1/} reaches it. */
    private static final String LOOPBACK = "127.0.0.1";

    private final NodeConfig config;
    private final LogServer logServer;
    private final StreamServer streams;
    private final PodWorkers workers;
    private final ScheduledExecutorService heartbeats;
    private final AutoCloseable watch;
    private final NodeServices services;
    private final String hostIP;
    private final ProbeManager probes;
    private final Optional<NodeIngress> ingress;
    private final Runnable stoppedReport;

    private NodeAgent(NodeConfig config, LogServer logServer, StreamServer streams, PodWorkers workers,
                      ScheduledExecutorService heartbeats, AutoCloseable watch, NodeServices services, String hostIP,
                      ProbeManager probes, Optional<NodeIngress> ingress, Runnable stoppedReport) {
        this.config = config;
        this.ingress = ingress;
        this.stoppedReport = stoppedReport;
        this.probes = probes;
        this.logServer = logServer;
        this.streams = streams;
        this.workers = workers;
        this.heartbeats = heartbeats;
        this.watch = watch;
        this.services = services;
        this.hostIP = hostIP;
    }

    /** Who owns the kernel proxy's chains of the agent of node {@code name} on {@code dataDir}: the same on every start. */
    public static String proxyOwner(String name, Path dataDir) {
        return name + "@" + dataDir.toAbsolutePath();
    }

    /** Builds the infra image if needed, registers the node and starts everything; service IPs go on with {@code ip}. */
    public static NodeAgent start(NodeConfig config, NodeApi api, ContainerRuntime runtime, Clock clock,
                                  String orcVersion) {
        return start(config, api, runtime, clock, orcVersion,
                new IpCommandBinder(CommandRunner.processes(Duration.ofSeconds(5)), config.name()));
    }

    /** As {@link #start(NodeConfig, NodeApi, ContainerRuntime, Clock, String)}, adding addresses with {@code addresses}. */
    public static NodeAgent start(NodeConfig config, NodeApi api, ContainerRuntime runtime, Clock clock,
                                  String orcVersion, AddressBinder addresses) {
        HostFacts host = HostFacts.detect();
        String hostIP = config.address().orElse(host.address());
        ImageBuild pause = ImageBuilder.pauseImage(ImageBuilder.DEFAULT_BUSYBOX);
        ImageBuilder.ensure(runtime, pause);
        SSLContext tls = ServingIdentity.obtain(config.name(),
                request -> api.servingCertificate(config.name(), request)).serverContext();
        LogServer logServer = LogServer.start(config.logPort(), new ContainerLogs(runtime, config.name(), clock),
                new ServerRequests(config.serverKey(), config.name(), clock), tls);
        NodeStats stats = new NodeStats(runtime, config.name(), clock, java.nio.file.Path.of("/proc"));
        logServer.serveJson("/stats/summary", stats::summary);
        StreamServer streams;
        try {
            streams = StreamServer.start(runtime, config.name(), new ServerRequests(config.serverKey(), config.name(), clock),
                    tls);
        } catch (RuntimeException e) {
            logServer.close();
            throw e;
        }
        NodeServices services = null;
        ProbeManager probes = null;
        Optional<NodeIngress> ingress = Optional.empty();
        try {
            api.registerOrUpdateNode(withStreamPort(NodeObjects.node(config, host, runtime.version(), runtime.listImages(),
                    logServer.port(), orcVersion, clock.instant()), streams.port()));
            KeyedBackoff crash = new KeyedBackoff(clock, config.crashLoopInitial(), config.crashLoopMax(), Duration.ofMinutes(10));
            KeyedBackoff pull = new KeyedBackoff(clock, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
            services = NodeServices.start(config.network(), api, runtime, hostIP, addresses,
                    proxyOwner(config.name(), config.dataDir()));
            if (config.ingress().enabled()) {
                ingress = Optional.of(NodeIngress.start(config.ingress().listeningOn(hostIP, LOOPBACK), api));
            }
            CachedConfigSource configs = new CachedConfigSource(api, clock, config.resync());
            PodVolumes volumes = new PodVolumes(config.dataDir(), configs, MemoryMounts.tmpfs(), clock,
                    (namespace, claim) -> api.labelNode(config.name(), ClaimLabels.key(namespace, claim), "true"),
                    Optional.of(new ServiceAccountVolume(api::serviceAccountToken,
                            caCertificate(config.certificateAuthority()), clock)));
            probes = ProbeManager.onVirtualThreads(runtime, clock, api::recordPodEvent);
            PodWorker.Context context = PodWorker.Context.create(runtime, api, config.name(), hostIP, clock, crash, pull,
                    configs, probes, volumes, services.podNetworking(), () -> ImageBuilder.ensure(runtime, pause));
            PodWorkers workers = new PodWorkers(context, config.resync());
            probes.start(workers::enqueue);
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("orc-heartbeat").daemon().factory());
            long period = config.heartbeat().toMillis();
            heartbeats.scheduleAtFixedRate(() -> heartbeat(api, runtime, config.name(), clock), period, period,
                    TimeUnit.MILLISECONDS);
            long resync = config.resync().toMillis();
            heartbeats.scheduleWithFixedDelay(() -> removeUnusedClaims(volumes, workers), resync, resync,
                    TimeUnit.MILLISECONDS);
            AutoCloseable watch = api.watchPodsOnNode(config.name(), workers);
            return new NodeAgent(config, logServer, streams, workers, heartbeats, watch, services, hostIP, probes, ingress,
                    () -> api.reportStopped(config.name(), clock.instant()));
        } catch (RuntimeException e) {
            ingress.ifPresent(NodeIngress::close);
            if (probes != null) {
                probes.close();
            }
            if (services != null) {
                services.close();
            }
            logServer.close();
            streams.close();
            throw e;
        }
    }

    /** The cluster CA's certificate as pods get it in {@code ca.crt}; none when the agent speaks plain HTTP. */
    private static byte[] caCertificate(Optional<Path> file) {
        try {
            return file.isPresent() ? Files.readAllBytes(file.get()) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster CA certificate " + file.get() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The Node as registered, naming the port of its exec and port-forward streams for the API server. */
    private static dev.orc.api.model.Node withStreamPort(dev.orc.api.model.Node node, int port) {
        return node.withMetadata(node.metadata().withAnnotation(NodeStreamEndpoint.PORT_ANNOTATION,
                Integer.toString(port)));
    }

    private static void heartbeat(NodeApi api, ContainerRuntime runtime, String name, Clock clock) {
        try {
            api.renewHeartbeat(name, clock.instant(), runtimeProblem(runtime));
        } catch (RuntimeException e) {
            LOG.warn("heartbeat of node {} failed: {}", name, e.getMessage());
        }
    }

    /** Deletes the data of claims that are gone and that no pod of this node uses any more. */
    private static void removeUnusedClaims(PodVolumes volumes, PodWorkers workers) {
        try {
            volumes.removeUnusedClaims(workers.pods().values());
        } catch (RuntimeException e) {
            LOG.warn("removing the data of deleted claims failed: {}", e.getMessage());
        }
    }

    /**
     * Why the node cannot run pods now, if it cannot: its container runtime does not answer. The node then reports
     * Ready=False with that reason, as the kubelet does, and the node lifecycle controller marks its pods not ready.
     */
    static Optional<String> runtimeProblem(ContainerRuntime runtime) {
        try {
            runtime.version();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("container runtime is down: " + e.getMessage());
        }
    }

    /**
     * Marks the node not ready as the agent stops (after its last heartbeat, which could otherwise overwrite it), so
     * that Services stop sending its pods traffic while nobody watches them; bounded by {@link #STOP_REPORT_TIMEOUT}.
     */
    private void reportStopped() {
        try {
            if (!heartbeats.awaitTermination(STOP_REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("node {}: a heartbeat still runs; not reporting the stop over it", config.name());
                return;
            }
            CompletableFuture.runAsync(stoppedReport, task -> Thread.ofVirtual().start(task))
                    .get(STOP_REPORT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("node {}: the server did not take the report that the agent stopped within {} s", config.name(),
                    STOP_REPORT_TIMEOUT.toSeconds());
        } catch (ExecutionException e) {
            LOG.warn("node {}: could not report that the agent stopped: {}", config.name(), e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String name() {
        return config.name();
    }

    public String hostIP() {
        return hostIP;
    }

    public int logPort() {
        return logServer.port();
    }

    public PodWorkers workers() {
        return workers;
    }

    public NodeServices services() {
        return services;
    }

    /** The ingress controller, when the node runs one. */
    public Optional<NodeIngress> ingress() {
        return ingress;
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (Exception e) {
            LOG.debug("closing the pod watch failed", e);
        }
        heartbeats.shutdownNow();
        reportStopped();
        probes.close();
        workers.close();
        ingress.ifPresent(NodeIngress::close);
        services.close();
        logServer.close();
        streams.close();
    }
}
