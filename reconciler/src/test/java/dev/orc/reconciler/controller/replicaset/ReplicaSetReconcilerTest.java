package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.FakeCluster;
import dev.orc.reconciler.controller.ObjectCache;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.testing.ManualClock;
import dev.orc.reconciler.controller.runtime.ObjectKey;
import dev.orc.reconciler.controller.runtime.Result;
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
    private final FakeCluster cluster = new FakeCluster(clock);
    private final Expectations expectations = new Expectations(clock, Duration.ofMinutes(5));

    private ReplicaSetReconciler reconciler(ObjectCache pods, ObjectWriter writer) {
        return new ReplicaSetReconciler(cluster.cache(ResourceTypes.REPLICA_SET), pods, writer, cluster, expectations, clock);
    }

    private ReplicaSetReconciler reconciler() {
        return reconciler(cluster.cache(ResourceTypes.POD), cluster);
    }

    @Test
    void steadyStateDoesNothing() {
        ObjectNode rs = replicaSet("web", 2);
        rs.putObject("status").put("replicas", 2).put("fullyLabeledReplicas", 2).put("readyReplicas", 2)
                .put("availableReplicas", 2).put("observedGeneration", 1);
        cluster.seed(ResourceTypes.REPLICA_SET, rs);
        cluster.seed(ResourceTypes.POD, pod("web-a").ownedBy(rs).ready(clock.instant()).build());
        cluster.seed(ResourceTypes.POD, pod("web-b").ownedBy(rs).ready(clock.instant()).build());

        Result result = reconciler().reconcile(KEY);

        assertThat(cluster.writes()).isEmpty();
        assertThat(cluster.events()).isEmpty();
        assertThat(result.requeue()).isFalse();
    }

    @Test
    void scalesUpThenWritesStatusAndReportsEachCreatedPod() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 2));

        reconciler().reconcile(KEY);

        assertThat(cluster.writes()).containsExactly("create pods web-00001", "create pods web-00003", "status replicasets web");
        assertThat(cluster.events()).containsExactly("web Normal SuccessfulCreate: Created pod: web-00001",
                "web Normal SuccessfulCreate: Created pod: web-00003");
        assertThat(cluster.get(ResourceTypes.REPLICA_SET, "web").orElseThrow().at("/status/observedGeneration").asLong())
                .isEqualTo(1);
    }

    @Test
    void aStaleCacheDoesNotCreateTwiceUntilTheExpectationLapses() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 2));
        ObjectCache stalePods = frozen(cluster.cache(ResourceTypes.POD));

        reconciler(stalePods, cluster).reconcile(KEY);
        cluster.clearRecords();
        Result second = reconciler(stalePods, cluster).reconcile(KEY);

        assertThat(cluster.writes()).noneMatch(w -> w.startsWith("create"));
        assertThat(second.requeueAfter()).isEqualTo(Duration.ofMinutes(5));

        clock.advance(Duration.ofMinutes(5));
        reconciler(stalePods, cluster).reconcile(KEY);
        assertThat(cluster.writes()).filteredOn(w -> w.startsWith("create")).hasSize(2);
    }

    @Test
    void onceTheCacheShowsTheCreatedPodsTheReplicaSetIsSettled() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 2));
        reconciler().reconcile(KEY);
        cluster.runAllPods();
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
        assertThat(cluster.events()).containsExactly("web Normal SuccessfulDelete: Deleted pod: web-new");
    }

    @Test
    void aFailedCreateIsReportedAsEventAndReplicaFailureConditionAndRetried() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", 1));
        ObjectWriter refusing = new ObjectWriter() {
            @Override
            public ObjectNode create(ResourceType type, ObjectNode object) {
                throw new IllegalStateException("pods \"web\" is forbidden: exceeded quota");
            }

            @Override
            public ObjectNode update(ResourceType type, ObjectNode object) {
                return cluster.update(type, object);
            }

            @Override
            public ObjectNode updateStatus(ResourceType type, ObjectNode object) {
                return cluster.updateStatus(type, object);
            }

            @Override
            public void delete(ResourceType type, String namespace, String name, String uid, Propagation propagation) {
                cluster.delete(type, namespace, name, uid, propagation);
            }
        };

        assertThatThrownBy(() -> reconciler(cluster.cache(ResourceTypes.POD), refusing).reconcile(KEY))
                .hasMessageContaining("exceeded quota");

        ObjectNode stored = cluster.get(ResourceTypes.REPLICA_SET, "web").orElseThrow();
        assertThat(stored.at("/status/conditions/0/type").asText()).isEqualTo("ReplicaFailure");
        assertThat(stored.at("/status/conditions/0/reason").asText()).isEqualTo("FailedCreate");
        assertThat(cluster.events()).containsExactly("web Warning FailedCreate: Error creating: pods \"web\" is forbidden: exceeded quota");
    }

    @Test
    void aDeletedReplicaSetIsDoneAndForgotten() {
        assertThat(reconciler().reconcile(KEY).requeue()).isFalse();
        assertThat(cluster.writes()).isEmpty();
    }

    private static ObjectCache frozen(ObjectCache source) {
        List<ObjectNode> snapshot = source.list("default");
        return new ObjectCache() {
            @Override
            public Optional<ObjectNode> get(ObjectKey key) {
                return snapshot.stream().filter(o -> ObjectKey.of(o).equals(key)).findFirst().map(ObjectNode::deepCopy);
            }

            @Override
            public List<ObjectNode> list(String namespace) {
                return snapshot.stream().map(ObjectNode::deepCopy).toList();
            }
        };
    }
}
