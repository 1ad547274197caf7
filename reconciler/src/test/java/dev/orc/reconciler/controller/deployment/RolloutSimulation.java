package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.Kubelet;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.controller.replicaset.ReplicaSetReconciler;
import dev.orc.reconciler.controller.runtime.Result;
import dev.orc.reconciler.testing.ManualClock;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A Deployment, its ReplicaSets and their pods on the real registry, driven round by round: the Deployment
 * controller takes a step, the ReplicaSet controller makes pods, the kubelet runs the healthy ones and removes the
 * deleted ones once their containers have stopped. An observer sees the cluster after every write-producing stage,
 * so invariants can be checked at every step.
 */
final class RolloutSimulation implements AutoCloseable {
    static final ObjectKey KEY = new ObjectKey("default", "web");
    final ManualClock clock = new ManualClock();
    final RegistryCluster cluster = new RegistryCluster(clock);
    private final Kubelet kubelet = new Kubelet(cluster, clock);
    private final DeploymentReconciler deployments = new DeploymentReconciler(cluster.cache(ResourceTypes.DEPLOYMENT),
            cluster.cache(ResourceTypes.REPLICA_SET), cluster.cache(ResourceTypes.POD), cluster.controllerClient(), cluster.events(),
            clock);
    private final ReplicaSetReconciler replicaSets = new ReplicaSetReconciler(cluster.cache(ResourceTypes.REPLICA_SET),
            cluster.cache(ResourceTypes.POD), cluster.controllerClient(), cluster.events(), new Expectations(clock, Duration.ofMinutes(5)),
            clock);
    Predicate<ObjectNode> healthy = pod -> true;
    /** How long a deleted pod's containers take to stop; the kubelet removes the pod then. */
    Duration stopping = Duration.ZERO;
    Consumer<RegistryCluster> observer = c -> { };
    Result lastDeploymentResult;

    ObjectNode deployment() {
        return cluster.get(ResourceTypes.DEPLOYMENT, "default", "web").orElseThrow();
    }

    /** Applies a changed Deployment as a user would (over the stored resourceVersion). */
    void apply(ObjectNode changed) {
        ObjectNode copy = changed.deepCopy();
        copy.withObjectProperty("metadata").put("resourceVersion", deployment().at("/metadata/resourceVersion").asText());
        cluster.update(ResourceTypes.DEPLOYMENT, copy);
    }

    void round() {
        lastDeploymentResult = deployments.reconcile(KEY);
        observer.accept(cluster);
        reconcileReplicaSets();
        observer.accept(cluster);
        clock.advance(Duration.ofSeconds(1));
        kubelet.finishTerminating(stopping);
        kubelet.runPods("node-1", healthy);
        observer.accept(cluster);
        reconcileReplicaSets();
    }

    /**
     * Runs rounds until two in a row write nothing and no pod is terminating (the kubelet may have changed pods
     * after the controllers looked); fails after {@code max} rounds.
     */
    int settle(int max) {
        int quiet = 0;
        for (int i = 1; i <= max; i++) {
            cluster.clearRecords();
            round();
            boolean terminating = pods().stream().anyMatch(p -> p.path("metadata").has("deletionTimestamp"));
            quiet = cluster.writes().isEmpty() && !terminating ? quiet + 1 : 0;
            if (quiet == 2) {
                return i;
            }
        }
        throw new AssertionError("no steady state after " + max + " rounds; last writes " + cluster.writes());
    }

    private void reconcileReplicaSets() {
        for (ObjectNode rs : cluster.list(ResourceTypes.REPLICA_SET)) {
            replicaSets.reconcile(ObjectKey.of(rs));
        }
    }

    List<ObjectNode> replicaSets() {
        return cluster.list(ResourceTypes.REPLICA_SET);
    }

    List<ObjectNode> pods() {
        return cluster.list(ResourceTypes.POD);
    }

    @Override
    public void close() {
        cluster.close();
    }

    static String image(JsonNode podOrTemplateOwner) {
        JsonNode spec = podOrTemplateOwner.has("kind") && podOrTemplateOwner.path("kind").asText().equals("Pod")
                ? podOrTemplateOwner.path("spec") : podOrTemplateOwner.path("spec").path("template").path("spec");
        return spec.path("containers").path(0).path("image").asText();
    }

    static boolean ready(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready") && condition.path("status").asText().equals("True")) {
                return !pod.path("metadata").has("deletionTimestamp");
            }
        }
        return false;
    }

    static String condition(JsonNode deployment, String type) {
        for (JsonNode condition : deployment.path("status").path("conditions")) {
            if (condition.path("type").asText().equals(type)) {
                return condition.path("status").asText() + " " + condition.path("reason").asText();
            }
        }
        return "absent";
    }
}
