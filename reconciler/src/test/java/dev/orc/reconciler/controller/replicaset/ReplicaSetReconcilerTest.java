package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.BatchGate;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.GatedClient;
import dev.orc.reconciler.controller.Kubelet;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.orc.reconciler.controller.PodFixture.pod;
import static dev.orc.reconciler.controller.replicaset.ReplicaSetFixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicaSetReconcilerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "web");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final Kubelet kubelet = new Kubelet(cluster, clock);
    private final Expectations expectations = new Expectations(clock, Duration.ofMinutes(5));

    @AfterEach
    void close() {
        cluster.close();
    }

    private ReplicaSetReconciler reconciler(ObjectCache<Pod> pods, ApiClient writer) {
        return new ReplicaSetReconciler(cluster.cache(ResourceTypes.REPLICA_SET), pods, writer, cluster.events(),
                expectations, clock);
    }

    private ReplicaSetReconciler reconciler() {
        return reconciler(cluster.cache(ResourceTypes.POD), cluster.controllerClient());
    }

    private ObjectNode stored() {
        return cluster.get(ResourceTypes.REPLICA_SET, "default", "web").orElseThrow();
    }

    @Test
    void steadyStateDoesNothing() {
        ObjectNode converged = replicaSet("web", 2);
        converged.putObject("status").put("replicas", 2).put("fullyLabeledReplicas", 2).put("readyReplicas", 2)
                .put("availableReplicas", 2).put("observedGeneration", 1);
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, converged);
        cluster.seed(ResourceTypes.POD, pod("web-a").ownedBy(rs).ready(clock.instant()).build());
        cluster.seed(ResourceTypes.POD, pod("web-b").ownedBy(rs).ready(clock.instant()).build());

        Result result = reconciler().reconcile(KEY);

        assertThat(cluster.writes()).isEmpty();
        assertThat(cluster.recordedEvents()).isEmpty();
        assertThat(result.requeue()).isFalse();
    }

    @Test
    void scalesUpThenWritesStatusAndReportsEachCreatedPod() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 2));

        reconciler().reconcile(KEY);

        List<String> created = cluster.writes().stream().filter(w -> w.startsWith("create pods "))
                .map(w -> w.substring("create pods ".length())).toList();
        assertThat(created).hasSize(2).allMatch(name -> name.matches("web-[a-z0-9]{5}"));
        assertThat(cluster.writes()).containsExactly("create pods " + created.get(0), "create pods " + created.get(1),
                "status replicasets web");
        assertThat(cluster.recordedEvents()).containsExactly("web Normal SuccessfulCreate: Created pod: " + created.get(0),
                "web Normal SuccessfulCreate: Created pod: " + created.get(1));
        assertThat(stored().at("/status/observedGeneration").asLong()).isEqualTo(1);
    }

    @Test
    void aStaleCacheDoesNotCreateTwiceUntilTheExpectationLapses() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 2));
        ObjectCache<Pod> stalePods = frozen(cluster.cache(ResourceTypes.POD));

        reconciler(stalePods, cluster.controllerClient()).reconcile(KEY);
        cluster.clearRecords();
        Result second = reconciler(stalePods, cluster.controllerClient()).reconcile(KEY);

        assertThat(cluster.writes()).noneMatch(w -> w.startsWith("create"));
        assertThat(second.requeueAfter()).isEqualTo(Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(5));
        reconciler(stalePods, cluster.controllerClient()).reconcile(KEY);
        assertThat(cluster.writes()).filteredOn(w -> w.startsWith("create")).hasSize(2);
    }

    @Test
    void onceTheCacheShowsTheCreatedPodsTheReplicaSetIsSettled() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 2));
        reconciler().reconcile(KEY);
        kubelet.runAllPods("node-1");
        reconciler().reconcile(KEY);
        cluster.clearRecords();

        reconciler().reconcile(KEY);

        assertThat(cluster.list(ResourceTypes.POD)).hasSize(2);
        assertThat(cluster.writes()).isEmpty();
    }

    @Test
    void scalingDownDeletesTheSurplusAndReportsIt() {
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 1));
        cluster.seed(ResourceTypes.POD, pod("web-old").ownedBy(rs).ready(clock.instant().minusSeconds(600)).build());
        cluster.seed(ResourceTypes.POD, pod("web-new").ownedBy(rs).ready(clock.instant()).build());

        reconciler().reconcile(KEY);

        assertThat(cluster.writes()).startsWith("delete pods web-new");
        assertThat(cluster.recordedEvents()).containsExactly("web Normal SuccessfulDelete: Deleted pod: web-new");
    }

    @Test
    void aFailedCreateIsReportedAsEventAndReplicaFailureConditionAndRetried() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 1));
        GatedClient refusing = new GatedClient(cluster, new BatchGate(1))
                .failing(0, new IllegalStateException("pods \"web\" is forbidden: exceeded quota"));

        assertThatThrownBy(() -> reconciler(cluster.cache(ResourceTypes.POD), refusing.client()).reconcile(KEY))
                .hasMessageContaining("exceeded quota");

        ObjectNode stored = stored();
        assertThat(stored.at("/status/conditions/0/type").asText()).isEqualTo("ReplicaFailure");
        assertThat(stored.at("/status/conditions/0/reason").asText()).isEqualTo("FailedCreate");
        assertThat(cluster.recordedEvents()).containsExactly("web Warning FailedCreate: Error creating: pods \"web\" is forbidden: exceeded quota");
    }

    @Test
    void createsInOverlappingSlowStartBatchesAndReportsTheCreatesAfterThem() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 10));
        BatchGate gate = new BatchGate(1, 2, 4, 3);
        GatedClient writer = new GatedClient(cluster, gate);

        reconciler(cluster.cache(ResourceTypes.POD), writer.client()).reconcile(KEY);

        assertThat(gate.finishedAtArrival()).containsExactly(0, 1, 1, 3, 3, 3, 3, 7, 7, 7);
        assertThat(writer.eventsAtArrival()).as("no event is recorded between creates").containsOnly(0);
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(10);
        assertThat(cluster.recordedEvents()).hasSize(10).allMatch(e -> e.startsWith("web Normal SuccessfulCreate: Created pod: web-"));
        assertThat(cluster.writes()).last().isEqualTo("status replicasets web");
    }

    @Test
    void aFailedCreateSkipsTheLaterBatchesAndOnlyTheCreatesThatSucceededAreAwaited() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 10));
        ObjectCache<Pod> beforeThePass = frozen(cluster.cache(ResourceTypes.POD));
        BatchGate gate = new BatchGate(1, 2, 4);
        GatedClient writer = new GatedClient(cluster, gate)
                .failing(3, new IllegalStateException("pods \"web\" is forbidden: exceeded quota"));

        assertThatThrownBy(() -> reconciler(cluster.cache(ResourceTypes.POD), writer.client()).reconcile(KEY))
                .hasMessageContaining("exceeded quota");

        assertThat(gate.arrivals()).as("the fourth batch is skipped").isEqualTo(7);
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(6);
        ObjectNode stored = stored();
        assertThat(stored.at("/status/conditions/0/type").asText()).isEqualTo("ReplicaFailure");
        assertThat(stored.at("/status/conditions/0/reason").asText()).isEqualTo("FailedCreate");
        assertThat(cluster.recordedEvents()).filteredOn(e -> e.contains("SuccessfulCreate")).hasSize(6);
        assertThat(cluster.recordedEvents()).filteredOn(e -> e.contains("FailedCreate"))
                .containsExactly("web Warning FailedCreate: Error creating: pods \"web\" is forbidden: exceeded quota");

        cluster.clearRecords();
        Result stale = reconciler(beforeThePass, cluster.controllerClient()).reconcile(KEY);
        assertThat(cluster.writes()).as("the six created pods are awaited").noneMatch(w -> w.startsWith("create"));
        assertThat(stale.requeue()).isTrue();

        reconciler().reconcile(KEY);
        assertThat(cluster.writes()).as("the failed and skipped creates are not awaited")
                .filteredOn(w -> w.startsWith("create")).hasSize(4);
        assertThat(cluster.list(ResourceTypes.POD)).hasSize(10);
    }

    @Test
    void aConflictingCreateIsRetriedWithoutBeingReportedAsAFailure() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 3));
        BatchGate gate = new BatchGate(1, 2);
        GatedClient writer = new GatedClient(cluster, gate).failing(2, new ApiException.Conflict("the object has been modified"));

        assertThatThrownBy(() -> reconciler(cluster.cache(ResourceTypes.POD), writer.client()).reconcile(KEY))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.isConflict()).isTrue());

        assertThat(cluster.list(ResourceTypes.POD)).hasSize(2);
        assertThat(cluster.recordedEvents()).hasSize(2).allMatch(e -> e.contains("SuccessfulCreate"));
        assertThat(cluster.writes()).noneMatch(w -> w.startsWith("status"));
    }

    @Test
    void deletesTheSurplusAllAtOnce() {
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 1));
        for (int i = 1; i <= 5; i++) {
            cluster.seed(ResourceTypes.POD, pod("web-" + i).ownedBy(rs).ready(clock.instant()).build());
        }
        BatchGate gate = new BatchGate(4);

        reconciler(cluster.cache(ResourceTypes.POD), new GatedClient(cluster, gate).client()).reconcile(KEY);

        assertThat(gate.finishedAtArrival()).containsExactly(0, 0, 0, 0);
        assertThat(cluster.activePods()).hasSize(1);
        assertThat(cluster.recordedEvents()).hasSize(4).allMatch(e -> e.startsWith("web Normal SuccessfulDelete: Deleted pod: web-"));
    }

    @Test
    void aFailedDeleteIsReportedAndTheNextPassDoesNotAwaitIt() {
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 1));
        for (int i = 1; i <= 5; i++) {
            cluster.seed(ResourceTypes.POD, pod("web-" + i).ownedBy(rs).ready(clock.instant()).build());
        }
        GatedClient writer = new GatedClient(cluster, new BatchGate(4))
                .failing(0, new IllegalStateException("etcdserver: request timed out"));

        assertThatThrownBy(() -> reconciler(cluster.cache(ResourceTypes.POD), writer.client()).reconcile(KEY))
                .hasMessageContaining("request timed out");

        assertThat(cluster.activePods()).hasSize(2);
        ObjectNode stored = stored();
        assertThat(stored.at("/status/conditions/0/reason").asText()).isEqualTo("FailedDelete");
        assertThat(cluster.recordedEvents()).filteredOn(e -> e.contains("SuccessfulDelete")).hasSize(3);
        assertThat(cluster.recordedEvents()).filteredOn(e -> e.contains("FailedDelete"))
                .containsExactly("web Warning FailedDelete: Error deleting: etcdserver: request timed out");

        cluster.clearRecords();
        reconciler().reconcile(KEY);
        assertThat(cluster.writes()).filteredOn(w -> w.startsWith("delete")).hasSize(1);
        assertThat(cluster.activePods()).hasSize(1);
    }

    @Test
    void aDeletedReplicaSetIsDoneAndForgotten() {
        assertThat(reconciler().reconcile(KEY).requeue()).isFalse();
        assertThat(cluster.writes()).isEmpty();
    }

    private static ObjectCache<Pod> frozen(ObjectCache<Pod> source) {
        List<Cached<Pod>> snapshot = source.list("default");
        return new ObjectCache<>() {
            @Override
            public Optional<Cached<Pod>> get(ObjectKey key) {
                return snapshot.stream().filter(o -> o.key().equals(key)).findFirst();
            }

            @Override
            public List<Cached<Pod>> list(String namespace) {
                return snapshot;
            }

            @Override
            public List<Cached<Pod>> byIndex(Index index, String value) {
                return snapshot.stream().filter(object -> index.values().apply(object).contains(value)).toList();
            }
        };
    }
}
