package dev.orc.reconciler.controller.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.Kubelet;
import dev.orc.reconciler.controller.PodFixture;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The disruption controller on the real registry: a budget over a Deployment's pods gets Kubernetes' status, a
 * second reconcile writes nothing, and evictions through the API spend it until the controller recounts.
 */
class DisruptionReconcilerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "web");
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final Kubelet kubelet = new Kubelet(cluster, clock);
    private final DisruptionReconciler reconciler = new DisruptionReconciler(
            cluster.cache(ResourceTypes.POD_DISRUPTION_BUDGET), cluster.cache(ResourceTypes.POD),
            new CachedScales(cluster.cache(ResourceTypes.REPLICA_SET), cluster.cache(ResourceTypes.DEPLOYMENT),
                    cluster.client()),
            cluster.controllerClient(), clock);

    @BeforeEach
    void deploymentOfThreeReadyPods() {
        ObjectNode deployment = cluster.seed(ResourceTypes.DEPLOYMENT, workload("apps/v1", "Deployment", "web", 3));
        ObjectNode replicaSet = workload("apps/v1", "ReplicaSet", "web-1", 3);
        replicaSet.withObjectProperty("metadata").withArrayProperty("ownerReferences")
                .add(ControllerRefs.reference(deployment));
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet);
        for (int i = 0; i < 3; i++) {
            cluster.seed(ResourceTypes.POD, PodFixture.pod("web-" + i).ownedBy(rs).build());
        }
        kubelet.runAllPods("n1");
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aBudgetOverADeploymentGetsItsStatusAndThenWritesNothing() {
        cluster.seed(ResourceTypes.POD_DISRUPTION_BUDGET, budget(Json.object().put("maxUnavailable", "34%")));

        cluster.settle(5, () -> reconciler.reconcile(KEY));

        JsonNode status = status();
        assertThat(status.path("expectedPods").asInt()).isEqualTo(3);
        assertThat(status.path("desiredHealthy").asInt()).isEqualTo(1);
        assertThat(status.path("currentHealthy").asInt()).isEqualTo(3);
        assertThat(status.path("disruptionsAllowed").asInt()).isEqualTo(2);
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
        assertThat(status.at("/conditions/0/type").asText()).isEqualTo("DisruptionAllowed");
        assertThat(status.at("/conditions/0/status").asText()).isEqualTo("True");
        assertThat(cluster.writes()).containsExactly("status poddisruptionbudgets web");
        cluster.assertWritesNothing(() -> reconciler.reconcile(KEY));
    }

    @Test
    void evictionsSpendTheBudgetAndTheControllerRecountsThePodsThatLeft() {
        cluster.seed(ResourceTypes.POD_DISRUPTION_BUDGET, budget(Json.object().put("minAvailable", 2)));
        reconciler.reconcile(KEY);

        cluster.client().evict("default", "web-0", DeleteOptions.defaults());
        assertThatThrownBy(() -> cluster.client().evict("default", "web-1", DeleteOptions.defaults()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(429));
        assertThat(status().path("disruptedPods").has("web-0")).isTrue();

        reconciler.reconcile(KEY);

        JsonNode status = status();
        assertThat(status.path("disruptedPods").isMissingNode()).isTrue();
        assertThat(status.path("currentHealthy").asInt()).isEqualTo(2);
        assertThat(status.path("disruptionsAllowed").asInt()).isZero();
        assertThat(status.at("/conditions/0/reason").asText()).isEqualTo("InsufficientPods");
    }

    @Test
    void aDisruptedPodThatDidNotGoIsCountedAgainOnceItsTimeRunsOut() {
        cluster.seed(ResourceTypes.POD_DISRUPTION_BUDGET, budget(Json.object().put("minAvailable", 2)));
        reconciler.reconcile(KEY);
        ObjectNode pdb = cluster.get(ResourceTypes.POD_DISRUPTION_BUDGET, "default", "web").orElseThrow();
        ((ObjectNode) pdb.get("status")).put("disruptionsAllowed", 0).putObject("disruptedPods")
                .put("web-0", dev.orc.api.model.Timestamps.format(clock.instant()));
        cluster.updateStatus(ResourceTypes.POD_DISRUPTION_BUDGET, pdb);

        assertThat(reconciler.reconcile(KEY).requeueAfter()).isEqualTo(Duration.ofSeconds(121));
        assertThat(status().path("currentHealthy").asInt()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(121));
        reconciler.reconcile(KEY);

        assertThat(status().path("currentHealthy").asInt()).isEqualTo(3);
        assertThat(status().path("disruptionsAllowed").asInt()).isEqualTo(1);
    }

    private JsonNode status() {
        return cluster.get(ResourceTypes.POD_DISRUPTION_BUDGET, "default", "web").orElseThrow().path("status");
    }

    private static ObjectNode budget(ObjectNode spec) {
        ObjectNode pdb = Json.object().put("apiVersion", "policy/v1").put("kind", "PodDisruptionBudget");
        pdb.putObject("metadata").put("namespace", "default").put("name", "web");
        spec.putObject("selector").putObject("matchLabels").put("app", "web");
        pdb.set("spec", spec);
        return pdb;
    }

    private static ObjectNode workload(String apiVersion, String kind, String name, int replicas) {
        ObjectNode object = Json.object().put("apiVersion", apiVersion).put("kind", kind);
        object.putObject("metadata").put("namespace", "default").put("name", name);
        ObjectNode spec = object.putObject("spec").put("replicas", replicas);
        spec.putObject("selector").putObject("matchLabels").put("app", "web");
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", "web");
        template.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx:1");
        return object;
    }
}
