package dev.orc.reconciler.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.cache.testing.MemorySource;
import dev.orc.reconciler.scheduler.plugins.DefaultPlugins;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.orc.reconciler.scheduler.Fixtures.node;
import static dev.orc.reconciler.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The scheduler over real informers fed by an in-memory source, with a binder and event recorder that record. */
class SchedulerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Records binds and unschedulable marks; writes them back to the source (as the API would) unless told not to. */
    final class RecordingBinder implements Binder {
        final List<String> binds = new CopyOnWriteArrayList<>();
        final Map<String, String> unschedulable = new ConcurrentHashMap<>();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile boolean confirm = true;

        @Override
        public void bind(Pod pod, String nodeName) {
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("conflict");
            }
            binds.add(pod.name() + " -> " + nodeName);
            if (confirm) {
                podSource.put((ObjectNode) Json.tree(pod.withNodeName(nodeName)));
            }
        }

        @Override
        public void markUnschedulable(Pod pod, String message) {
            unschedulable.put(pod.name(), message);
            PodStatus status = (pod.status() == null ? PodStatus.phase(PodStatus.PENDING) : pod.status())
                    .withCondition(Condition.of(PodStatus.POD_SCHEDULED, Condition.FALSE, UNSCHEDULABLE, message, null));
            podSource.put((ObjectNode) Json.tree(pod.withStatus(status)));
        }
    }

    private final MemorySource nodeSource = new MemorySource();
    private final MemorySource podSource = new MemorySource();
    private final Informer<Pod> pods = new Informer<>(ResourceTypes.POD, Pod.class, podSource, Duration.ofHours(1));
    private final Informer<Node> nodes = new Informer<>(ResourceTypes.NODE, Node.class, nodeSource, Duration.ofHours(1));
    private final RecordingBinder binder = new RecordingBinder();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ManualClock clock = new ManualClock();
    private final Scheduler scheduler = new Scheduler(pods, nodes, binder,
            (pod, type, reason, message) -> events.add(pod.name() + " " + reason + ": " + message),
            DefaultPlugins.framework(), clock,
            new Scheduler.Options(3, 4, Duration.ofSeconds(1), Duration.ofSeconds(60)));

    @AfterEach
    void close() {
        scheduler.close();
        pods.close();
        nodes.close();
    }

    private void add(Node node) {
        nodeSource.put((ObjectNode) Json.tree(node));
    }

    private void add(Pod pod) {
        podSource.put((ObjectNode) Json.tree(pod));
    }

    /** Decides for every pod active now. */
    private void drain() throws InterruptedException {
        int bound = 1000;
        while (scheduler.scheduleOne(Duration.ZERO) && --bound > 0) {
            assertThat(bound).as("the queue drains").isPositive();
        }
    }

    private void awaitActive(int count) {
        await().atMost(WAIT).until(() -> scheduler.activePods() == count);
    }

    @Test
    void bindsOnlyPodsWaitingForTheDefaultScheduler() throws Exception {
        add(node("n1").build());
        add(pod("waiting").build());
        add(pod("explicit").schedulerName("default-scheduler").build());
        add(pod("bound").node("n1").build());
        add(pod("other").schedulerName("my-scheduler").build());
        add(pod("deleting").deleting().build());
        scheduler.sync(WAIT);
        awaitActive(2);
        drain();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(binder.binds).containsExactlyInAnyOrder("waiting -> n1", "explicit -> n1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events).contains(
                "waiting Scheduled: Successfully assigned default/waiting to n1"));
    }

    @Test
    void heartbeatsAndUpdatesOfBoundPodsAtRestMakeTheSchedulerDoNothing() throws Exception {
        add(node("n1").build());
        add(pod("web").node("n1").label("app", "web").build());
        scheduler.sync(WAIT);
        for (int beat = 0; beat < 3; beat++) {
            add(node("n1").build());
            add(pod("web").node("n1").label("app", "web").label("beat", Integer.toString(beat)).build());
        }
        add(pod("later").build());

        awaitActive(1);
        drain();

        await().atMost(WAIT).untilAsserted(() -> assertThat(binder.binds).containsExactly("later -> n1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events).containsExactly(
                "later Scheduled: Successfully assigned default/later to n1"));
    }

    @Test
    void aBindingFreesItsWriteSlotWhileItsScheduledEventIsStillBeingRecorded() throws Exception {
        CountDownLatch eventsHeld = new CountDownLatch(1);
        List<String> recorded = new CopyOnWriteArrayList<>();
        try (Scheduler oneSlot = new Scheduler(pods, nodes, binder, (pod, type, reason, message) -> {
            try {
                eventsHeld.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recorded.add(pod.name() + " " + reason);
        }, DefaultPlugins.framework(), clock, new Scheduler.Options(3, 1, Duration.ofSeconds(1), Duration.ofSeconds(60)))) {
            add(node("n1").build());
            add(pod("first").build());
            add(pod("second").build());
            oneSlot.sync(WAIT);
            await().atMost(WAIT).until(() -> oneSlot.activePods() == 2);
            assertThat(oneSlot.scheduleOne(Duration.ZERO)).isTrue();
            assertThat(oneSlot.scheduleOne(Duration.ZERO)).isTrue();

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(binder.binds).containsExactlyInAnyOrder("first -> n1", "second -> n1"));
            assertThat(recorded).isEmpty();
            eventsHeld.countDown();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(recorded).containsExactlyInAnyOrder("first Scheduled", "second Scheduled"));
        }
    }

    @Test
    void consecutiveDecisionsCountPodsAssumedBeforeTheWatchConfirmsThem() throws Exception {
        binder.confirm = false;
        add(node("a").allocatable("1", "8Gi", 110).build());
        add(node("b").allocatable("1", "8Gi", 110).build());
        scheduler.sync(WAIT);
        for (String name : List.of("p1", "p2", "p3")) {
            add(pod(name).requests("1", null).build());
        }
        awaitActive(3);
        drain();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(binder.binds).hasSize(2);
            assertThat(binder.binds).extracting(b -> b.substring(b.indexOf("->"))).containsExactlyInAnyOrder("-> a", "-> b");
            assertThat(binder.unschedulable).containsEntry("p3", "0/2 nodes are available: 2 Insufficient cpu.");
            assertThat(events).contains("p3 FailedScheduling: 0/2 nodes are available: 2 Insufficient cpu.");
        });
    }

    @Test
    void anUnschedulablePodIsRetriedAtOnceWhenANodeIsAdded() throws Exception {
        add(node("small").allocatable("1", "1Gi", 110).build());
        add(pod("big").requests("4", "4Gi").build());
        scheduler.sync(WAIT);
        awaitActive(1);
        drain();
        await().atMost(WAIT).until(() -> binder.unschedulable.containsKey("big"));
        assertThat(binder.unschedulable.get("big"))
                .isEqualTo("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.");
        assertThat(scheduler.unschedulablePods()).isEqualTo(1);

        add(node("large").allocatable("8", "16Gi", 110).build());
        awaitActive(1);
        drain();
        await().atMost(WAIT).untilAsserted(() -> assertThat(binder.binds).containsExactly("big -> large"));
    }

    @Test
    void anUnschedulablePodIsRetriedAtOnceWhenABoundPodIsDeleted() throws Exception {
        add(node("n").allocatable("1", "8Gi", 110).build());
        add(pod("hog").requests("1", null).node("n").build());
        add(pod("p").requests("1", null).build());
        scheduler.sync(WAIT);
        awaitActive(1);
        drain();
        await().atMost(WAIT).until(() -> scheduler.unschedulablePods() == 1);

        podSource.delete(new ObjectKey("default", "hog"));
        awaitActive(1);
        drain();
        await().atMost(WAIT).untilAsserted(() -> assertThat(binder.binds).containsExactly("p -> n"));
    }

    @Test
    void anUnschedulablePodIsRetriedAfterItsBackoffWhenNothingChanges() throws Exception {
        add(node("n").allocatable("1", "1Gi", 110).build());
        add(pod("big").requests("2", null).build());
        scheduler.sync(WAIT);
        awaitActive(1);
        drain();
        assertThat(scheduler.scheduleOne(Duration.ZERO)).as("waits for its backoff").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.scheduleOne(Duration.ZERO)).as("retried after 1s").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.scheduleOne(Duration.ZERO)).as("the second backoff is 2s").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.scheduleOne(Duration.ZERO)).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(events).filteredOn(e -> e.startsWith("big FailedScheduling")).hasSize(3));
        assertThat(binder.binds).isEmpty();
    }

    /** Keeps deciding (as the loop would) until {@code done} holds, within the bound. */
    private void scheduleUntil(java.util.concurrent.Callable<Boolean> done) {
        await().atMost(WAIT).until(() -> {
            scheduler.scheduleOne(Duration.ZERO);
            return done.call();
        });
    }

    @Test
    void aFailedBindIsDecidedAgainOnTheCurrentCache() throws Exception {
        binder.failuresLeft.set(1);
        add(node("n").build());
        add(pod("p").build());
        scheduler.sync(WAIT);
        scheduleUntil(() -> !binder.binds.isEmpty());
        assertThat(binder.binds).containsExactly("p -> n");
        assertThat(binder.attempts.get()).isEqualTo(2);
    }

    @Test
    void bindingIsGivenUpForABackoffAfterBoundedAttempts() throws Exception {
        binder.failuresLeft.set(Integer.MAX_VALUE);
        add(node("n").build());
        add(pod("p").build());
        scheduler.sync(WAIT);
        scheduleUntil(() -> events.contains("p FailedScheduling: Binding rejected: conflict"));
        assertThat(binder.attempts.get()).isEqualTo(3);
        assertThat(scheduler.unschedulablePods()).isEqualTo(1);
        assertThat(scheduler.scheduleOne(Duration.ZERO)).as("backing off").isFalse();
        assertThat(scheduler.nodeOf(new ObjectKey("default", "p"))).as("no longer assumed").isEmpty();
    }

    @Test
    void theRunningLoopSpreadsAnOwnersPodsAndBindsThemAll() throws Exception {
        for (int i = 0; i < 5; i++) {
            add(node("n" + i).build());
        }
        scheduler.start(WAIT);
        for (int i = 0; i < 5; i++) {
            add(pod("web-" + i).owner("rs-web").requests("100m", "64Mi").build());
        }
        for (int i = 0; i < 40; i++) {
            add(pod("batch-" + i).requests("50m", "32Mi").build());
        }
        await().atMost(WAIT).until(() -> binder.binds.size() == 45);
        assertThat(binder.binds).filteredOn(b -> b.startsWith("web-"))
                .extracting(b -> b.substring(b.indexOf("->"))).doesNotHaveDuplicates();
        await().atMost(WAIT).untilAsserted(() -> assertThat(scheduler.nodeOf(new ObjectKey("default", "batch-39"))).isPresent());
    }
}
