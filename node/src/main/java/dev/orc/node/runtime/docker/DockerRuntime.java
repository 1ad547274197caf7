package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.orc.node.runtime.AttachedProcess;
import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.ContainerStats;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.ImageBuild;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.LogFollow;
import dev.orc.node.runtime.LogOptions;
import dev.orc.node.runtime.LogSink;
import dev.orc.node.runtime.ProcessOutput;
import dev.orc.node.runtime.PullPolicy;
import dev.orc.node.runtime.RuntimeTimeoutException;
import dev.orc.node.runtime.RuntimeVersion;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The container runtime on a Docker engine, through docker-java's zerodep transport.
 * Short requests go through a client with a response timeout; streams (logs, exec, pull, build,
 * stop) through one without, each bounded by its own wait.
 */
public final class DockerRuntime implements ContainerRuntime {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_CONNECTIONS = 64;

    private final DockerClient requests;
    private final DockerClient streams;
    private final DockerErrors errors;
    private final DockerImages images;
    private final DockerExec execs;
    private final DockerAttach attaches;

    private DockerRuntime(DockerClient requests, DockerClient streams, URI dockerHost) {
        this.requests = requests;
        this.streams = streams;
        this.errors = new DockerErrors(dockerHost);
        this.images = new DockerImages(requests, streams, errors);
        this.execs = new DockerExec(streams, requests, errors);
        this.attaches = new DockerAttach(streams, requests, errors, execs, dockerHost);
    }

    /** Connects to DOCKER_HOST, or to unix:///var/run/docker.sock when it is not set. */
    public static DockerRuntime connect() {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    public static DockerRuntime connect(URI dockerHost) {
        return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost.toString()).build());
    }

    private static DockerRuntime connect(DefaultDockerClientConfig config) {
        ZerodepDockerHttpClient requestHttp = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT).responseTimeout(RESPONSE_TIMEOUT)
                .maxConnections(MAX_CONNECTIONS).build();
        ZerodepDockerHttpClient streamHttp = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(MAX_CONNECTIONS).build();
        return new DockerRuntime(DockerClientImpl.getInstance(config, requestHttp),
                DockerClientImpl.getInstance(config, streamHttp), config.getDockerHost());
    }

    @Override
    public RuntimeVersion version() {
        try {
            Version v = requests.versionCmd().exec();
            return new RuntimeVersion("docker", v.getVersion(), v.getApiVersion(), v.getOperatingSystem(),
                    v.getArch(), v.getKernelVersion());
        } catch (RuntimeException e) {
            throw errors.general("cannot read the Docker version", e);
        }
    }

    @Override
    public List<ImageInfo> listImages() {
        return images.list();
    }

    @Override
    public ImageInfo ensureImage(String image, PullPolicy policy) {
        return images.ensure(image, policy);
    }

    @Override
    public ImageInfo buildImage(ImageBuild build) {
        return images.build(build);
    }

    @Override
    public String create(ContainerSpec spec) {
        try {
            return CreateContainerMapping.apply(spec, requests.createContainerCmd(spec.image())).exec().getId();
        } catch (NotFoundException e) {
            throw new ContainerRuntimeException("cannot create container '" + spec.name() + "': "
                    + DockerErrors.message(e), e);
        } catch (RuntimeException e) {
            throw errors.container("create", spec.name(), e);
        }
    }

    @Override
    public void start(String idOrName) {
        try {
            requests.startContainerCmd(idOrName).exec();
        } catch (RuntimeException e) {
            if (!DockerErrors.isNotModified(e)) {
                throw errors.container("start", idOrName, e);
            }
        }
    }

    @Override
    public void stop(String idOrName, Duration gracePeriod) {
        int seconds = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (gracePeriod.toMillis() + 999) / 1000));
        try {
            streams.stopContainerCmd(idOrName).withTimeout(seconds).exec();
        } catch (RuntimeException e) {
            if (!DockerErrors.isNotModified(e)) {
                throw errors.container("stop", idOrName, e);
            }
        }
    }

    @Override
    public void kill(String idOrName, String signal) {
        try {
            requests.killContainerCmd(idOrName).withSignal(signal).exec();
        } catch (RuntimeException e) {
            throw errors.container("send " + signal + " to", idOrName, e);
        }
    }

    @Override
    public void remove(String idOrName) {
        try {
            streams.removeContainerCmd(idOrName).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            throw errors.container("remove", idOrName, e);
        }
    }

    @Override
    public List<ContainerSummary> list(Map<String, String> labelFilter) {
        try {
            var cmd = requests.listContainersCmd().withShowAll(true);
            if (!labelFilter.isEmpty()) {
                cmd.withLabelFilter(labelFilter);
            }
            return cmd.exec().stream().map(DockerRuntime::toSummary).toList();
        } catch (RuntimeException e) {
            throw errors.general("cannot list containers", e);
        }
    }

    @Override
    public ContainerInfo inspect(String idOrName) {
        try {
            return InspectMapping.toInfo(requests.inspectContainerCmd(idOrName).exec());
        } catch (RuntimeException e) {
            throw errors.container("inspect", idOrName, e);
        }
    }

    @Override
    public LogFollow logs(String idOrName, LogOptions options, LogSink sink) {
        LogContainerCmd cmd = streams.logContainerCmd(idOrName)
                .withStdOut(true).withStdErr(true)
                .withFollowStream(options.follow())
                .withTimestamps(options.timestamps());
        options.tailLines().ifPresent(cmd::withTail);
        options.since().ifPresent(since -> cmd.withSince((int) since.getEpochSecond()));
        DockerLogFollow follow = new DockerLogFollow(new LogFrames(options.timestamps(), options.limitBytes(), sink),
                e -> errors.container("read the logs of", idOrName, e));
        try {
            return cmd.exec(follow);
        } catch (RuntimeException e) {
            throw errors.container("read the logs of", idOrName, e);
        }
    }

    @Override
    public ContainerStats stats(String idOrName) {
        StatsCallback callback = new StatsCallback();
        try (callback) {
            streams.statsCmd(idOrName).withNoStream(true).exec(callback);
            Statistics s = callback.await(STATS_TIMEOUT);
            long cpu = s.getCpuStats() == null || s.getCpuStats().getCpuUsage() == null
                    || s.getCpuStats().getCpuUsage().getTotalUsage() == null ? 0 : s.getCpuStats().getCpuUsage().getTotalUsage();
            long memory = s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null ? 0 : s.getMemoryStats().getUsage();
            long limit = s.getMemoryStats() == null || s.getMemoryStats().getLimit() == null ? 0 : s.getMemoryStats().getLimit();
            return new ContainerStats(cpu, memory, limit);
        } catch (RuntimeException e) {
            throw errors.container("read the stats of", idOrName, e);
        } catch (IOException e) {
            throw new ContainerRuntimeException("cannot read the stats of '" + idOrName + "': " + e.getMessage(), e);
        }
    }

    @Override
    public ExecResult exec(String idOrName, List<String> command, Duration timeout) {
        return execs.run(idOrName, command, timeout);
    }

    @Override
    public AttachedProcess execAttached(String idOrName, List<String> command, boolean tty, boolean stdin,
                                        ProcessOutput output) {
        return attaches.exec(idOrName, command, tty, stdin, output);
    }

    @Override
    public AttachedProcess attach(String idOrName, boolean stdin, ProcessOutput output) {
        return attaches.attach(idOrName, stdin, output);
    }

    @Override
    public Optional<String> gatewayAddress() {
        try {
            return BridgeGateway.of(requests.inspectNetworkCmd().withNetworkId("bridge").exec(),
                    BridgeGateway::interfaceAddress);
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw errors.general("cannot inspect Docker's bridge network", e);
        }
    }

    @Override
    public void close() {
        try {
            requests.close();
            streams.close();
        } catch (IOException e) {
            throw new ContainerRuntimeException("cannot close the Docker client: " + e.getMessage(), e);
        }
    }

    private static ContainerSummary toSummary(Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? "" : InspectMapping.stripSlash(c.getNames()[0]);
        return new ContainerSummary(c.getId(), name, c.getImage(), c.getLabels() == null ? Map.of() : c.getLabels(),
                ContainerState.parse(c.getState()), Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated()));
    }

    /** Keeps the first stats sample. */
    private static final class StatsCallback extends ResultCallback.Adapter<Statistics> {
        private volatile Statistics first;
        private final CountDownLatch received = new CountDownLatch(1);

        @Override
        public void onNext(Statistics statistics) {
            if (first == null) {
                first = statistics;
            }
            received.countDown();
        }

        @Override
        public void onError(Throwable throwable) {
            super.onError(throwable);
            received.countDown();
        }

        @Override
        public void onComplete() {
            super.onComplete();
            received.countDown();
        }

        Statistics await(Duration timeout) {
            try {
                if (!received.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new RuntimeTimeoutException("no stats within " + timeout);
                }
                throwFirstError();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerRuntimeException("interrupted while reading stats", e);
            }
            if (first == null) {
                throw new ContainerRuntimeException("the engine sent no stats");
            }
            return first;
        }
    }
}
