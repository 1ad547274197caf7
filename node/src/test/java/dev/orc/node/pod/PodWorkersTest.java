package dev.orc.node.pod;

import dev.orc.node.config.ConfigSource;
import dev.orc.node.cluster.NodeApi;
import dev.orc.node.cluster.PodToken;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Service;
import dev.orc.node.RegistryNodeApi;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.fake.FakeRuntime;
import dev.orc.node.volume.MemoryMounts;
import dev.orc.node.volume.PodVolumes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PodWorkersTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final FakeRuntime runtime = new FakeRuntime(clock);
    private final BlockingStatusApi api = new BlockingStatusApi(new RegistryNodeApi(clock));

    @TempDir
    Path dataDir;

    @AfterEach
    void close() {
        api.memory.close();
    }

    @Test
    void closeWaitsForASyncUnderWayToFinish() throws Exception {
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        PodVolumes volumes = new PodVolumes(dataDir, ConfigSource.NONE, MemoryMounts.DIRECTORIES, clock, (ns, claim) -> { });
        PodWorker.Context context = PodWorker.Context.create(runtime, api, "n1", "10.0.0.5", clock,
                KeyedBackoff.crashLoop(clock), KeyedBackoff.crashLoop(clock), ConfigSource.NONE, ContainerHealth.RUNNING_IS_HEALTHY,
                volumes, PodNetworking.NONE,
                () -> ImageBuilder.ensure(runtime, ImageBuilder.pauseImage(ImageBuilder.DEFAULT_BUSYBOX)));
        PodWorkers workers = new PodWorkers(context, Duration.ofSeconds(2));
        Pod pod = api.memory.put(Pods.pod("web").node("n1").container("app", "sleep 3600").build());
        workers.upsert(pod);
        assertThat(api.entered.await(10, TimeUnit.SECONDS)).as("sync reached the status write").isTrue();

        Thread closer = Thread.ofPlatform().start(workers::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.TIMED_WAITING
                || closer.getState() == Thread.State.TERMINATED);
        assertThat(closer.getState()).as("close returned while a sync was still writing").isEqualTo(Thread.State.TIMED_WAITING);

        api.release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(closer.isAlive()).isFalse();
        assertThat(api.finished).isTrue();
        assertThat(workers.quiet()).isTrue();
    }

    @Test
    void echoOfTheAgentsOwnStatusWriteDoesNotSyncThePodAgainButAnotherChangeDoes() throws Exception {
        RegistryNodeApi memory = api.memory;
        AtomicInteger syncs = new AtomicInteger();
        PodWorker.Context context = countingSyncs(syncs);
        try (PodWorkers workers = new PodWorkers(context, Duration.ofMinutes(10));
             AutoCloseable watch = memory.watchPodsOnNode("n1", workers)) {
            Pod pod = memory.put(Pods.pod("web").node("n1").container("app", "sleep 3600").build());
            String uid = pod.metadata().uid();
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.quiet()
                    && memory.pod(uid).map(p -> p.status() != null && p.status().ready()).orElse(false));
            assertThat(syncs).as("the write's echo came back during the first sync").hasValue(1);

            workers.upsert(memory.pod(uid).orElseThrow());
            await().atMost(Duration.ofSeconds(10)).until(workers::quiet);
            assertThat(syncs).as("the same pod again, as after a watch's re-list").hasValue(1);

            Pod relabelled = memory.pod(uid).orElseThrow();
            memory.put(relabelled.withMetadata(relabelled.metadata().withLabel("tier", "web")));
            await().atMost(Duration.ofSeconds(10)).until(() -> syncs.get() == 2 && workers.quiet());
            Pod marked = memory.pod(uid).orElseThrow();
            memory.put(marked.withStatus(marked.status().withPhase(PodStatus.PENDING, null, null)));
            await().atMost(Duration.ofSeconds(10)).until(() -> syncs.get() == 3 && workers.quiet());
        }
    }

    @Test
    void aListThatFollowsThePodsOwnAddDoesNotSyncItAgainButStillRemovesWhatItLacks() {
        RegistryNodeApi memory = api.memory;
        AtomicInteger syncs = new AtomicInteger();
        PodWorker.Context context = countingSyncs(syncs);
        try (PodWorkers workers = new PodWorkers(context, Duration.ofMinutes(10))) {
            Pod pod = memory.put(Pods.pod("web").node("n1").container("app", "sleep 3600").build());
            workers.upsert(pod);
            workers.replaceAll(List.of(pod));
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.quiet() && syncs.get() > 0);
            assertThat(syncs).as("the informer's add, then its list holding the same pod").hasValue(1);
            assertThat(runtime.list(Map.of())).as("the pod's containers").isNotEmpty();

            workers.replaceAll(List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.quiet() && runtime.list(Map.of()).isEmpty());
            assertThat(workers.pods()).isEmpty();
        }
    }

    /** A context on the in-memory API whose health observer counts the syncs of pods that exist. */
    private PodWorker.Context countingSyncs(AtomicInteger syncs) {
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        ContainerHealth counting = new ContainerHealth() {
            @Override
            public void observe(Pod pod, ObservedPod observed) {
                syncs.incrementAndGet();
            }
        };
        PodVolumes volumes = new PodVolumes(dataDir, ConfigSource.NONE, MemoryMounts.DIRECTORIES, clock, (ns, claim) -> { });
        return PodWorker.Context.create(runtime, api.memory, "n1", "10.0.0.5", clock,
                KeyedBackoff.crashLoop(clock), KeyedBackoff.crashLoop(clock), ConfigSource.NONE, counting, volumes,
                PodNetworking.NONE, () -> { });
    }

    /** The API, but the first status write waits until released. */
    private static final class BlockingStatusApi implements NodeApi {
        final RegistryNodeApi memory;
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean finished = new AtomicBoolean();

        BlockingStatusApi(RegistryNodeApi memory) {
            this.memory = memory;
        }

        @Override
        public String servingCertificate(String nodeName, String certificateRequest) {
            return memory.servingCertificate(nodeName, certificateRequest);
        }

        @Override
        public void updatePodStatus(Pod pod, PodStatus status) {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            memory.updatePodStatus(pod, status);
            finished.set(true);
        }

        @Override
        public Node registerOrUpdateNode(Node node) {
            return memory.registerOrUpdateNode(node);
        }

        @Override
        public void renewHeartbeat(String nodeName, Instant now, Optional<String> notReadyBecause) {
            memory.renewHeartbeat(nodeName, now, notReadyBecause);
        }

        @Override
        public void reportStopped(String nodeName, Instant now) {
            memory.reportStopped(nodeName, now);
        }

        @Override
        public AutoCloseable watchPodsOnNode(String nodeName, PodHandler handler) {
            return memory.watchPodsOnNode(nodeName, handler);
        }

        @Override
        public AutoCloseable watchServices(Handler<Service> handler) {
            return memory.watchServices(handler);
        }

        @Override
        public AutoCloseable watchEndpoints(Handler<Endpoints> handler) {
            return memory.watchEndpoints(handler);
        }

        @Override
        public <T extends KubeObject> AutoCloseable watchAll(ResourceType type, Class<T> kind, String fieldSelector,
                                                             Handler<T> handler) {
            return memory.watchAll(type, kind, fieldSelector, handler);
        }

        @Override
        public void annotatePod(Pod pod, String key, String value) {
            memory.annotatePod(pod, key, value);
        }

        @Override
        public void deletePodFinal(Pod pod) {
            memory.deletePodFinal(pod);
        }

        @Override
        public void recordPodEvent(Pod pod, String type, String reason, String message, Instant at) {
            memory.recordPodEvent(pod, type, reason, message, at);
        }

        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return memory.configMap(namespace, name);
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return memory.secret(namespace, name);
        }

        @Override
        public PodToken serviceAccountToken(Pod pod, Duration lifetime) {
            return memory.serviceAccountToken(pod, lifetime);
        }

        @Override
        public Optional<dev.orc.api.model.PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
            return memory.persistentVolumeClaim(namespace, name);
        }

        @Override
        public void labelNode(String nodeName, String key, String value) {
            memory.labelNode(nodeName, key, value);
        }
    }
}
