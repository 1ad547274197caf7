package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.FakeCluster;
import dev.orc.reconciler.controller.LiveReader;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GarbageCollectorTest {
    private final ManualClock clock = new ManualClock();
    private final FakeCluster cluster = new FakeCluster(clock);
    private final GcObjects cached = objects(List.of());

    /** The fake cluster's objects, as caches would show them, minus the hidden ones (a lagging cache). */
    private GcObjects objects(List<String> hidden) {
        return new ListedGcObjects(
                List.of(ResourceTypes.NAMESPACE, ResourceTypes.POD, ResourceTypes.REPLICA_SET, ResourceTypes.CONFIG_MAP),
                type -> cluster.cache(type).list(type.namespaced() ? "default" : "").stream()
                        .filter(o -> !hidden.contains(o.name())).map(Cached::copy).toList(),
                (type, namespace, name) -> hidden.contains(name) ? Optional.empty()
                        : cluster.cache(type).get(new ObjectKey(type.namespaced() ? namespace : "", name)).map(Cached::copy));
    }

    private final LiveReader live = (type, namespace, name) ->
            cluster.cache(type).get(new ObjectKey(type.namespaced() ? namespace : "", name)).map(Cached::copy);

    private static ObjectNode object(String kind, String apiVersion, String name, String uid) {
        ObjectNode object = Json.object();
        object.put("apiVersion", apiVersion).put("kind", kind);
        object.putObject("metadata").put("namespace", "default").put("name", name).put("uid", uid);
        return object;
    }

    private static ObjectNode replicaSet(String name, String uid) {
        return object("ReplicaSet", "apps/v1", name, uid);
    }

    private static ObjectNode pod(String name, String... ownerUids) {
        ObjectNode pod = object("Pod", "v1", name, "uid-" + name);
        for (String uid : ownerUids) {
            pod.withObjectProperty("metadata").withArrayProperty("ownerReferences").addObject()
                    .put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", uid.replace("uid-", ""))
                    .put("uid", uid).put("controller", false).put("blockOwnerDeletion", true);
        }
        return pod;
    }

    private static ObjectNode deleting(ObjectNode object, String finalizer) {
        object.withObjectProperty("metadata").put("deletionTimestamp", "2026-01-01T00:00:00Z")
                .putArray("finalizers").add(finalizer);
        return object;
    }

    private void reconcile(ResourceType type, String name) {
        new GarbageCollector(cached, live, cluster).reconcile(GcKeys.key(type, "default", name));
    }

    private List<GcAction> plan(ResourceType type, String name) {
        GcPlanner.Typed subject = new GcPlanner.Typed(type, cached.get(type, "default", name).orElseThrow());
        List<GcPlanner.Typed> dependents = cached.types().stream().flatMap(t -> cached.dependents(t, subject.uid()).stream().map(o -> new GcPlanner.Typed(t, o))).toList();
        return GcPlanner.plan(subject, dependents, Map.of(), List.of());
    }

    @Test
    void steadyStateDoesNothing() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", "uid-web"));
        cluster.seed(ResourceTypes.POD, pod("web-1", "uid-web"));
        cluster.seed(ResourceTypes.NAMESPACE, (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"},"status":{"phase":"Active"}}"""));

        reconcile(ResourceTypes.POD, "web-1");
        reconcile(ResourceTypes.REPLICA_SET, "web");
        reconcile(ResourceTypes.NAMESPACE, "default");

        assertThat(cluster.writes()).isEmpty();
    }

    @Test
    void backgroundDeletesADependentWhoseOwnersAreAllGone() {
        cluster.seed(ResourceTypes.POD, pod("web-1", "uid-web"));

        reconcile(ResourceTypes.POD, "web-1");

        assertThat(cluster.writes()).containsExactly("delete pods web-1");
    }

    @Test
    void anOwnerOfTheSameNameWithAnotherUidCountsAsGone() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", "uid-web-recreated"));
        cluster.seed(ResourceTypes.POD, pod("web-1", "uid-web"));

        reconcile(ResourceTypes.POD, "web-1");

        assertThat(cluster.writes()).containsExactly("delete pods web-1");
    }

    @Test
    void anOwnerTheCacheHasNotSeenYetIsConfirmedLiveAndKeepsItsDependent() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", "uid-web"));
        cluster.seed(ResourceTypes.POD, pod("web-1", "uid-web"));

        new GarbageCollector(objects(List.of("web")), live, cluster).reconcile(GcKeys.key(ResourceTypes.POD, "default", "web-1"));

        assertThat(cluster.writes()).isEmpty();
    }

    @Test
    void aDependentWithAnotherLiveOwnerOnlyLosesTheReferenceToTheGoneOne() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("api", "uid-api"));
        cluster.seed(ResourceTypes.POD, pod("web-1", "uid-web", "uid-api"));

        reconcile(ResourceTypes.POD, "web-1");

        assertThat(cluster.writes()).containsExactly("update pods web-1");
        assertThat(cluster.get(ResourceTypes.POD, "web-1").orElseThrow().at("/metadata/ownerReferences").size()).isEqualTo(1);
        assertThat(cluster.get(ResourceTypes.POD, "web-1").orElseThrow().at("/metadata/ownerReferences/0/uid").asText())
                .isEqualTo("uid-api");
    }

    @Test
    void foregroundDeletesDependentsFirstAndReleasesTheOwnerOnlyWhenBlockingOnesAreGone() {
        cluster.seed(ResourceTypes.REPLICA_SET, deleting(replicaSet("web", "uid-web"), GcPlanner.FOREGROUND));
        cluster.seed(ResourceTypes.POD, pod("web-1", "uid-web"));

        assertThat(plan(ResourceTypes.REPLICA_SET, "web")).as("owner waits while a blocking dependent exists").isEmpty();
        reconcile(ResourceTypes.POD, "web-1");
        assertThat(cluster.writes()).containsExactly("delete pods web-1");
        reconcile(ResourceTypes.REPLICA_SET, "web");

        assertThat(cluster.writes()).containsExactly("delete pods web-1", "update replicasets web");
        assertThat(cluster.get(ResourceTypes.REPLICA_SET, "web").orElseThrow().at("/metadata/finalizers").size()).isZero();
    }

    @Test
    void dependentOfAForegroundOwnerIsItselfDeletedInTheForeground() {
        GcPlanner.Typed pod = new GcPlanner.Typed(ResourceTypes.POD, pod("web-1", "uid-web"));

        List<GcAction> actions = GcPlanner.plan(pod, List.of(), Map.of("uid-web", OwnerState.DELETING_DEPENDENTS), List.of());

        assertThat(actions).containsExactly(new GcAction.Delete(ResourceTypes.POD, "default", "web-1", "uid-web-1",
                ObjectWriter.Propagation.FOREGROUND));
    }

    @Test
    void orphanRemovesTheReferenceFromDependentsThenTheFinalizer() {
        cluster.seed(ResourceTypes.REPLICA_SET, deleting(replicaSet("web", "uid-web"), GcPlanner.ORPHAN));
        cluster.seed(ResourceTypes.POD, pod("web-1", "uid-web"));

        reconcile(ResourceTypes.REPLICA_SET, "web");

        assertThat(cluster.writes()).containsExactly("update pods web-1", "update replicasets web");
        assertThat(cluster.get(ResourceTypes.POD, "web-1").orElseThrow().at("/metadata").has("ownerReferences")).isFalse();
        assertThat(cluster.get(ResourceTypes.REPLICA_SET, "web").orElseThrow().at("/metadata/finalizers").size()).isZero();
    }

    @Test
    void deletingANamespaceDeletesEverythingInItThenTheNamespace() {
        ObjectNode namespace = (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace",
                 "metadata":{"name":"default","uid":"uid-ns","deletionTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}""");
        cluster.seed(ResourceTypes.NAMESPACE, namespace);
        cluster.seed(ResourceTypes.POD, pod("web-1"));
        cluster.seed(ResourceTypes.CONFIG_MAP, object("ConfigMap", "v1", "settings", "uid-settings"));

        reconcile(ResourceTypes.NAMESPACE, "default");
        assertThat(cluster.writes()).containsExactly("status namespaces default", "delete pods web-1",
                "delete configmaps settings");
        cluster.clearRecords();
        reconcile(ResourceTypes.NAMESPACE, "default");

        assertThat(cluster.writes()).containsExactly("update namespaces default", "delete namespaces default");
    }
}
