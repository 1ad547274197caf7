package dev.orc.node.pod;

import dev.orc.node.config.CachedConfigSource;
import dev.orc.node.config.ConfigSource;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.ClaimLabels;
import dev.orc.node.RegistryNodeApi;
import dev.orc.node.volume.MemoryMounts;
import dev.orc.node.volume.PodVolumes;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.fake.FakeProgram;
import dev.orc.node.runtime.fake.FakeRuntime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One node's pod machinery over the fake runtime, the real API server (in-process, on the harness's manual clock) and
 * a manual clock, synced by hand.
 */
final class PodHarness implements AutoCloseable {
    static final String NODE = "n1";
    static final String HOST_IP = "10.0.0.5";

    final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    final FakeRuntime runtime = new FakeRuntime(clock);
    final RegistryNodeApi api = new RegistryNodeApi(clock);
    final KeyedBackoff crashBackoff = KeyedBackoff.crashLoop(clock);
    final KeyedBackoff pullBackoff = new KeyedBackoff(clock, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
    final ConfigSource config = new CachedConfigSource(api, clock, Duration.ZERO);
    final Path dataDir = Path.of("target", "pod-harness", UUID.randomUUID().toString()).toAbsolutePath();
    final PodVolumes volumes = new PodVolumes(dataDir, config, MemoryMounts.DIRECTORIES, clock,
            (namespace, claim) -> api.labelNode(NODE, ClaimLabels.key(namespace, claim), "true"));
    /** How often a worker made sure of the infra image (listing the runtime's images). */
    final java.util.concurrent.atomic.AtomicInteger infraImageChecks = new java.util.concurrent.atomic.AtomicInteger();
    private final ContainerHealth health;
    private PodNetworking networking = PodNetworking.NONE;
    private PodWorker.Context context;

    PodHarness() {
        this(h -> ContainerHealth.RUNNING_IS_HEALTHY);
    }

    /** With probes (or another health, made from this harness) in place of "running is healthy". */
    PodHarness(java.util.function.Function<PodHarness, ContainerHealth> health) {
        api.createNode(NODE);
        this.health = health.apply(this);
        this.context = newContext();
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
    }

    private PodWorker.Context newContext() {
        return PodWorker.Context.create(runtime, api, NODE, HOST_IP, clock, crashBackoff, pullBackoff,
                config, health, volumes, networking,
                () -> {
                    infraImageChecks.incrementAndGet();
                    ImageBuilder.ensure(runtime, ImageBuilder.pauseImage(ImageBuilder.DEFAULT_BUSYBOX));
                });
    }

    /** The cluster DNS and services the next fresh worker's pods get. */
    PodHarness networking(PodNetworking networking) {
        this.networking = networking;
        return this;
    }

    /** Teaches what {@code sh -c script} does. */
    PodHarness script(String script, FakeProgram program) {
        runtime.program(List.of("sh", "-c", script), program);
        return this;
    }

    Pod add(Pod pod) {
        return api.put(pod);
    }

    /** A worker with no memory of earlier syncs, as after an agent restart. */
    PodWorker freshWorker(Pod pod) {
        context = newContext();
        return new PodWorker(pod.metadata().uid(), context);
    }

    /** Syncs the pod as the API holds it now (null once deleted) until its worker has nothing more to do at once. */
    PodWorker.Result settle(PodWorker worker, String uid) {
        PodWorker.Result result = null;
        for (int i = 0; i < 10; i++) {
            result = worker.sync(api.pod(uid).orElse(null));
            if (result.finished() || result.wakeAt().map(at -> at.isAfter(clock.instant())).orElse(true)) {
                return result;
            }
        }
        throw new AssertionError("pod " + uid + " did not settle in 10 syncs: " + result);
    }

    PodStatus status(String uid) {
        return api.pod(uid).orElseThrow().status();
    }

    ContainerStatus container(String uid, String name) {
        PodStatus status = status(uid);
        return java.util.stream.Stream.concat(status.initContainerStatuses().stream(), status.containerStatuses().stream())
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    List<ContainerSummary> containers(String uid) {
        return runtime.list(PodLabels.ofPod(NODE, uid));
    }

    @Override
    public void close() {
        runtime.close();
        api.close();
    }
}
