package dev.orc.reconciler.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ClientListWatcher;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.scheduler.plugins.DefaultPlugins;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static dev.orc.reconciler.scheduler.Fixtures.node;
import static dev.orc.reconciler.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler over informers of the real registry, binding and recording its events through the API (on the way
 * there, {@link HeldWrites} can hold bindings and Events back or refuse bindings); the tests read what the registry
 * stored.
 */
class SchedulerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final HeldWrites writes = new HeldWrites(cluster.controllerTransport());
    private final Informer<Pod> pods = new Informer<>(ResourceTypes.POD, Pod.class,
            new ClientListWatcher(cluster.client(), null, ListOptions.all()), Duration.ofHours(1));
    private final Informer<Node> nodes = new Informer<>(ResourceTypes.NODE, Node.class,
            new ClientListWatcher(cluster.client(), null, ListOptions.all()), Duration.ofHours(1));
    private final Scheduler scheduler = scheduler(4);

    private Scheduler scheduler(int parallelWrites) {
        ApiClient client = ApiClient.over(writes);
        return new Scheduler(pods, nodes, client, new EventRecorder(client, Scheduler.DEFAULT_SCHEDULER, clock),
                DefaultPlugins.framework(), clock,
                new Scheduler.Options(3, parallelWrites, Duration.ofSeconds(1), Duration.ofSeconds(60)));
    }

    @AfterEach
    void close() {
        scheduler.close();
        pods.close();
        nodes.close();
        cluster.close();
    }

    private void add(Node node) {
        cluster.seed(ResourceTypes.NODE, (ObjectNode) Json.tree(node));
    }

    private void add(Pod pod) {
        ObjectNode object = (ObjectNode) Json.tree(pod);
        if (pod.metadata().deleting()) {
            object.withObjectProperty("metadata").remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds"));
            cluster.seedDeleting(ResourceTypes.POD, object, "orc.dev/test-holds");
        } else {
            cluster.seed(ResourceTypes.POD, object);
        }
    }

    private ObjectNode stored(String pod) {
        return cluster.get(ResourceTypes.POD, "default", pod).orElseThrow();
    }

    /** The bindings the registry stored, in order, as "pod -> node" with the node the pod is stored on. */
    private List<String> binds() {
        return cluster.writes().stream().filter(write -> write.startsWith("binding pods "))
                .map(write -> write.substring("binding pods ".length()))
                .map(pod -> pod + " -> " + stored(pod).at("/spec/nodeName").asText()).toList();
    }

    /** The message of the pod's stored PodScheduled=False condition with reason Unschedulable, if it has one. */
    private Optional<String> unschedulable(String pod) {
        for (var condition : stored(pod).at("/status/conditions")) {
            if (PodStatus.POD_SCHEDULED.equals(condition.path("type").asText())
                    && "False".equals(condition.path("status").asText())
                    && Scheduler.UNSCHEDULABLE.equals(condition.path("reason").asText())) {
                return Optional.of(condition.path("message").asText());
            }
        }
        return Optional.empty();
    }

    /** The scheduler's Events, in the order they were sent, as "pod Reason: message". */
    private List<String> events() {
        return cluster.recordedEvents().stream().map(event -> {
            String[] parts = event.split(" ", 3);
            return parts[0] + " " + parts[2];
        }).toList();
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

    /** Keeps deciding (as the loop would) until {@code done} holds, within the bound. */
    private void scheduleUntil(Callable<Boolean> done) {
        await().atMost(WAIT).until(() -> {
            scheduler.scheduleOne(Duration.ZERO);
            return done.call();
        });
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
                assertThat(binds()).containsExactlyInAnyOrder("waiting -> n1", "explicit -> n1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events()).contains(
                "waiting Scheduled: Successfully assigned default/waiting to n1"));
        assertThat(stored("other").at("/spec/nodeName").asText()).isEmpty();
        assertThat(stored("deleting").at("/spec/nodeName").asText()).isEmpty();
    }

    @Test
    void heartbeatsAndUpdatesOfBoundPodsAtRestMakeTheSchedulerDoNothing() throws Exception {
        add(node("n1").build());
        add(pod("web").node("n1").label("app", "web").build());
        scheduler.sync(WAIT);
        for (int beat = 0; beat < 3; beat++) {
            clock.advance(Duration.ofSeconds(10));
            ObjectNode node = cluster.get(ResourceTypes.NODE, null, "n1").orElseThrow();
            ((ObjectNode) node.at("/status/conditions/0")).put("lastHeartbeatTime", Timestamps.format(clock.instant()));
            cluster.updateStatus(ResourceTypes.NODE, node);
            ObjectNode pod = stored("web");
            pod.withObjectProperty("metadata").withObjectProperty("labels").put("beat", Integer.toString(beat));
            cluster.update(ResourceTypes.POD, pod);
        }
        add(pod("later").build());

        awaitActive(1);
        drain();

        await().atMost(WAIT).untilAsserted(() -> assertThat(binds()).containsExactly("later -> n1"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events()).containsExactly(
                "later Scheduled: Successfully assigned default/later to n1"));
    }

    @Test
    void aBindingFreesItsWriteSlotWhileItsScheduledEventIsStillBeingRecorded() throws Exception {
        writes.holdEvents();
        try (Scheduler oneSlot = scheduler(1)) {
            add(node("n1").build());
            add(pod("first").build());
            add(pod("second").build());
            oneSlot.sync(WAIT);
            await().atMost(WAIT).until(() -> oneSlot.activePods() == 2);
            assertThat(oneSlot.scheduleOne(Duration.ZERO)).isTrue();
            assertThat(oneSlot.scheduleOne(Duration.ZERO)).isTrue();

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(binds()).containsExactlyInAnyOrder("first -> n1", "second -> n1"));
            assertThat(events()).isEmpty();
            writes.releaseEvents();
            await().atMost(WAIT).untilAsserted(() -> assertThat(events()).containsExactlyInAnyOrder(
                    "first Scheduled: Successfully assigned default/first to n1",
                    "second Scheduled: Successfully assigned default/second to n1"));
        }
    }

    @Test
    void consecutiveDecisionsCountPodsAssumedBeforeTheWatchConfirmsThem() throws Exception {
        writes.holdBindings();
        add(node("a").allocatable("1", "8Gi", 110).build());
        add(node("b").allocatable("1", "8Gi", 110).build());
        scheduler.sync(WAIT);
        for (String name : List.of("p1", "p2", "p3")) {
            add(pod(name).requests("1", null).build());
        }
        awaitActive(3);
        drain();
        assertThat(binds()).as("no binding is stored while the decisions are made").isEmpty();
        writes.releaseBindings();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(binds()).hasSize(2);
            assertThat(binds()).extracting(b -> b.substring(b.indexOf("->"))).containsExactlyInAnyOrder("-> a", "-> b");
            assertThat(unschedulable("p3")).contains("0/2 nodes are available: 2 Insufficient cpu.");
            assertThat(events()).contains("p3 FailedScheduling: 0/2 nodes are available: 2 Insufficient cpu.");
        });
    }

    @Test
    void anUnschedulablePodIsRetriedAtOnceWhenANodeIsAdded() throws Exception {
        add(node("small").allocatable("1", "1Gi", 110).build());
        add(pod("big").requests("4", "4Gi").build());
        scheduler.sync(WAIT);
        awaitActive(1);
        drain();
        await().atMost(WAIT).until(() -> unschedulable("big").isPresent());
        assertThat(unschedulable("big")).contains("0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.");
        assertThat(stored("big").at("/status/phase").asText()).isEqualTo("Pending");
        assertThat(scheduler.unschedulablePods()).isEqualTo(1);

        add(node("large").allocatable("8", "16Gi", 110).build());
        awaitActive(1);
        drain();
        await().atMost(WAIT).untilAsserted(() -> assertThat(binds()).containsExactly("big -> large"));
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

        cluster.client().delete(ResourceTypes.POD, "default", "hog", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        awaitActive(1);
        drain();
        await().atMost(WAIT).untilAsserted(() -> assertThat(binds()).containsExactly("p -> n"));
    }

    @Test
    void anUnschedulablePodIsRetriedAfterItsBackoffWhenNothingChangesAndItsUnchangedEventRecordedEveryFiveMinutes()
            throws Exception {
        add(node("n").allocatable("1", "1Gi", 110).build());
        add(pod("big").requests("2", null).build());
        scheduler.sync(WAIT);
        awaitActive(1);
        drain();
        await().atMost(WAIT).until(() -> unschedulable("big").isPresent());
        assertThat(scheduler.scheduleOne(Duration.ZERO)).as("waits for its backoff").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.scheduleOne(Duration.ZERO)).as("retried after 1s").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.scheduleOne(Duration.ZERO)).as("the second backoff is 2s").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.scheduleOne(Duration.ZERO)).isTrue();
        await().atMost(WAIT).until(() -> scheduler.unschedulablePods() == 1);
        assertThat(events()).as("three attempts, one write of the same Event")
                .filteredOn(e -> e.startsWith("big FailedScheduling")).hasSize(1);
        clock.advance(Scheduler.REPEATED_EVENT_INTERVAL);
        assertThat(scheduler.scheduleOne(Duration.ZERO)).isTrue();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(events()).filteredOn(e -> e.startsWith("big FailedScheduling")).hasSize(2));
        assertThat(binds()).isEmpty();
    }

    @Test
    void aFailedBindIsDecidedAgainOnTheCurrentCache() throws Exception {
        writes.refuseBindings(1);
        add(node("n").build());
        add(pod("p").build());
        scheduler.sync(WAIT);
        scheduleUntil(() -> !binds().isEmpty());
        assertThat(binds()).containsExactly("p -> n");
        assertThat(writes.bindAttempts()).isEqualTo(2);
    }

    @Test
    void bindingIsGivenUpForABackoffAfterBoundedAttempts() throws Exception {
        writes.refuseBindings(Integer.MAX_VALUE);
        add(node("n").build());
        add(pod("p").build());
        scheduler.sync(WAIT);
        scheduleUntil(() -> events().contains("p FailedScheduling: Binding rejected: conflict"));
        assertThat(writes.bindAttempts()).isEqualTo(3);
        assertThat(scheduler.unschedulablePods()).isEqualTo(1);
        assertThat(scheduler.scheduleOne(Duration.ZERO)).as("backing off").isFalse();
        assertThat(scheduler.nodeOf(new ObjectKey("default", "p"))).as("no longer assumed").isEmpty();
        assertThat(stored("p").at("/spec/nodeName").asText()).isEmpty();
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
        await().atMost(WAIT).until(() -> binds().size() == 45);
        assertThat(binds()).filteredOn(b -> b.startsWith("web-"))
                .extracting(b -> b.substring(b.indexOf("->"))).doesNotHaveDuplicates();
        await().atMost(WAIT).untilAsserted(() -> assertThat(scheduler.nodeOf(new ObjectKey("default", "batch-39"))).isPresent());
    }
}
