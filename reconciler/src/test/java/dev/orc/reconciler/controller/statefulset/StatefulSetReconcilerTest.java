package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.Kubelet;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The StatefulSet reconciler against the real registry: admission, defaults, generations, deletion. */
class StatefulSetReconcilerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "web");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final Kubelet kubelet = new Kubelet(cluster, clock);
    private final StatefulSetReconciler reconciler = new StatefulSetReconciler(cluster.cache(ResourceTypes.STATEFUL_SET),
            cluster.cache(ResourceTypes.POD), cluster.cache(ResourceTypes.PERSISTENT_VOLUME_CLAIM),
            cluster.cache(ResourceTypes.CONTROLLER_REVISION), cluster.controllerClient(), cluster.events(),
            new Expectations(clock, Duration.ofMinutes(5)), clock);

    @AfterEach
    void close() {
        cluster.close();
    }

    private static ObjectNode statefulSet(int replicas) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
                 "spec":{"replicas":%d,"serviceName":"web","selector":{"matchLabels":{"app":"web"}},
                         "template":{"metadata":{"labels":{"app":"web"}},
                                     "spec":{"containers":[{"name":"web","image":"web:1"}]}},
                         "volumeClaimTemplates":[{"metadata":{"name":"data"},
                             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
                """.formatted(replicas));
    }

    private ObjectNode stored() {
        return cluster.get(ResourceTypes.STATEFUL_SET, "default", "web").orElseThrow();
    }

    private List<String> names(dev.orc.api.meta.ResourceType type) {
        return cluster.list(type).stream().map(o -> o.path("metadata").path("name").asText()).sorted().toList();
    }

    private void converge() {
        cluster.settle(20, () -> {
            reconciler.reconcile(KEY);
            kubelet.finishTerminating(Duration.ZERO);
            kubelet.runAllPods("n1");
        });
    }

    @Test
    void startsPodsInOrderWithTheirClaimsThenSettlesAndWritesNothing() {
        cluster.seed(ResourceTypes.STATEFUL_SET, statefulSet(3));

        reconciler.reconcile(KEY);
        assertThat(names(ResourceTypes.POD)).containsExactly("web-0");
        assertThat(names(ResourceTypes.PERSISTENT_VOLUME_CLAIM)).containsExactly("data-web-0");
        reconciler.reconcile(KEY);
        assertThat(names(ResourceTypes.POD)).as("web-0 is not Ready yet").containsExactly("web-0");
        kubelet.runAllPods("n1");
        reconciler.reconcile(KEY);
        assertThat(names(ResourceTypes.POD)).containsExactly("web-0", "web-1");

        converge();

        assertThat(names(ResourceTypes.POD)).containsExactly("web-0", "web-1", "web-2");
        assertThat(names(ResourceTypes.PERSISTENT_VOLUME_CLAIM)).containsExactly("data-web-0", "data-web-1", "data-web-2");
        JsonNode status = stored().path("status");
        assertThat(status.path("replicas").asInt()).isEqualTo(3);
        assertThat(status.path("readyReplicas").asInt()).isEqualTo(3);
        assertThat(status.path("currentRevision").asText()).isEqualTo(status.path("updateRevision").asText());
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
        assertThat(names(ResourceTypes.CONTROLLER_REVISION)).containsExactly(status.path("updateRevision").asText());
        assertThat(cluster.recordedEvents()).contains("web Normal SuccessfulCreate: create Claim data-web-0 in StatefulSet web success",
                "web Normal SuccessfulCreate: Created pod: web-0 in StatefulSet web");
        cluster.assertWritesNothing(() -> reconciler.reconcile(KEY));
    }

    @Test
    void aRollingUpdateWithPartitionTwoChangesOnlyTheHighestPod() {
        cluster.seed(ResourceTypes.STATEFUL_SET, statefulSet(3));
        converge();
        ObjectNode set = stored();
        ((ObjectNode) set.at("/spec/template/spec/containers/0")).put("image", "web:2");
        set.with("spec").putObject("updateStrategy").put("type", "RollingUpdate").putObject("rollingUpdate")
                .put("partition", 2);
        cluster.update(ResourceTypes.STATEFUL_SET, set);

        converge();

        assertThat(cluster.list(ResourceTypes.POD).stream().map(p -> p.at("/spec/containers/0/image").asText()))
                .containsExactly("web:1", "web:1", "web:2");
        JsonNode status = stored().path("status");
        assertThat(status.path("updatedReplicas").asInt()).isEqualTo(1);
        assertThat(status.path("currentReplicas").asInt()).isEqualTo(2);
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(2);
        assertThat(names(ResourceTypes.CONTROLLER_REVISION)).hasSize(2);
    }

    @Test
    void aDeletedPodIsMadeAgainOnItsOwnClaim() {
        cluster.seed(ResourceTypes.STATEFUL_SET, statefulSet(2));
        converge();
        String claimUid = cluster.get(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", "data-web-1").orElseThrow()
                .at("/metadata/uid").asText();
        cluster.client().delete(ResourceTypes.POD, "default", "web-1", DeleteOptions.defaults().withGracePeriodSeconds(0L));

        converge();

        assertThat(names(ResourceTypes.POD)).containsExactly("web-0", "web-1");
        assertThat(cluster.get(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", "data-web-1").orElseThrow()
                .at("/metadata/uid").asText()).isEqualTo(claimUid);
    }

    @Test
    void scalingDownRemovesTheHighestOrdinalsAndKeepsTheirClaims() {
        cluster.seed(ResourceTypes.STATEFUL_SET, statefulSet(3));
        converge();
        ObjectNode set = stored();
        set.with("spec").put("replicas", 1);
        cluster.update(ResourceTypes.STATEFUL_SET, set);

        converge();

        assertThat(names(ResourceTypes.POD)).containsExactly("web-0");
        assertThat(names(ResourceTypes.PERSISTENT_VOLUME_CLAIM)).hasSize(3);
        assertThat(stored().at("/status/replicas").asInt()).isEqualTo(1);
    }
}
