package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GarbageCollectorTest {
    private static final List<ResourceType> TYPES = List.of(ResourceTypes.NAMESPACE, ResourceTypes.POD,
            ResourceTypes.REPLICA_SET, ResourceTypes.CONFIG_MAP);
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final GcObjects cached = objects(List.of());

    @AfterEach
    void close() {
        cluster.close();
    }

    /** The registry's objects in every namespace, as the caches would show them, minus the hidden ones (a lagging cache). */
    private GcObjects objects(List<String> hidden) {
        Map<ResourceType, ObjectCache<?>> caches = new LinkedHashMap<>();
        TYPES.forEach(type -> caches.put(type, new HidingCache<>(cluster.cache(type), hidden)));
        return new GcObjects(caches);
    }


    private static ObjectNode object(String kind, String apiVersion, String name, String uid) {
        ObjectNode object = Json.object();
        object.put("apiVersion", apiVersion).put("kind", kind);
        object.putObject("metadata").put("namespace", "default").put("name", name).put("uid", uid);
        return object;
    }

    /** ReplicaSet {@code name} as it would be stored with {@code uid}: seeded, the server gives it its own uid. */
    private static ObjectNode replicaSet(String name, String uid) {
        ObjectNode rs = object("ReplicaSet", "apps/v1", name, uid);
        ObjectNode spec = rs.putObject("spec");
        spec.putObject("selector").putObject("matchLabels").put("app", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", name);
        template.putObject("spec").putArray("containers").addObject().put("name", name).put("image", name + ":1");
        return rs;
    }

    /** Pod {@code name} that each of {@code owners} owns without controlling it, blocking their deletion. */
    private static ObjectNode pod(String name, JsonNode... owners) {
        ObjectNode pod = object("Pod", "v1", name, "uid-" + name);
        pod.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "web:1");
        for (JsonNode owner : owners) {
            pod.withObjectProperty("metadata").withArrayProperty("ownerReferences").addObject()
                    .put("apiVersion", "apps/v1").put("kind", "ReplicaSet").put("name", owner.at("/metadata/name").asText())
                    .put("uid", owner.at("/metadata/uid").asText()).put("controller", false).put("blockOwnerDeletion", true);
        }
        return pod;
    }

    /** Deletes the seeded ReplicaSet {@code name} as a user would, with {@code propagation}. */
    private void deleteReplicaSet(String name, DeleteOptions.Propagation propagation) {
        cluster.client().delete(ResourceTypes.REPLICA_SET, "default", name, DeleteOptions.defaults().withPropagation(propagation));
    }

    private void reconcile(ResourceType type, String name) {
        new GarbageCollector(cached, cluster.controllerClient()).reconcile(GcKeys.key(type, "default", name));
    }

    private List<GcAction> plan(ResourceType type, String name) {
        GcPlanner.Typed subject = new GcPlanner.Typed(type, cached.get(type, "default", name).orElseThrow());
        List<GcPlanner.Typed> dependents = cached.types().stream().flatMap(t -> cached.dependents(t, subject.uid()).stream().map(o -> new GcPlanner.Typed(t, o))).toList();
        return GcPlanner.plan(subject, dependents, Map.of(), List.of());
    }

    @Test
    void steadyStateDoesNothing() {
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", "uid-web"));
        cluster.seed(ResourceTypes.POD, pod("web-1", rs));
        assertThat(cluster.get(ResourceTypes.NAMESPACE, null, "default").orElseThrow().at("/status/phase").asText())
                .isEqualTo("Active");

        reconcile(ResourceTypes.POD, "web-1");
        reconcile(ResourceTypes.REPLICA_SET, "web");
        reconcile(ResourceTypes.NAMESPACE, "default");

        assertThat(cluster.writes()).isEmpty();
    }

    @Test
    void backgroundDeletesADependentWhoseOwnersAreAllGone() {
        cluster.seed(ResourceTypes.POD, pod("web-1", replicaSet("web", "uid-web")));

        reconcile(ResourceTypes.POD, "web-1");

        assertThat(cluster.writes()).containsExactly("delete pods web-1");
        assertThat(cluster.get(ResourceTypes.POD, "default", "web-1")).isEmpty();
    }

    @Test
    void anOwnerOfTheSameNameWithAnotherUidCountsAsGone() {
        cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", "uid-web-recreated"));
        cluster.seed(ResourceTypes.POD, pod("web-1", replicaSet("web", "uid-web")));

        reconcile(ResourceTypes.POD, "web-1");

        assertThat(cluster.writes()).containsExactly("delete pods web-1");
    }

    @Test
    void anOwnerTheCacheHasNotSeenYetIsConfirmedLiveAndKeepsItsDependent() {
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", "uid-web"));
        cluster.seed(ResourceTypes.POD, pod("web-1", rs));

        new GarbageCollector(objects(List.of("web")), cluster.controllerClient())
                .reconcile(GcKeys.key(ResourceTypes.POD, "default", "web-1"));

        assertThat(cluster.writes()).isEmpty();
    }

    @Test
    void aDependentWithAnotherLiveOwnerOnlyLosesTheReferenceToTheGoneOne() {
        ObjectNode api = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("api", "uid-api"));
        cluster.seed(ResourceTypes.POD, pod("web-1", replicaSet("web", "uid-web"), api));

        reconcile(ResourceTypes.POD, "web-1");

        assertThat(cluster.writes()).containsExactly("update pods web-1");
        ObjectNode pod = cluster.get(ResourceTypes.POD, "default", "web-1").orElseThrow();
        assertThat(pod.at("/metadata/ownerReferences").size()).isEqualTo(1);
        assertThat(pod.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(api.at("/metadata/uid").asText());
    }

    @Test
    void foregroundDeletesDependentsFirstAndReleasesTheOwnerOnlyWhenBlockingOnesAreGone() {
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", "uid-web"));
        cluster.seed(ResourceTypes.POD, pod("web-1", rs));
        deleteReplicaSet("web", DeleteOptions.Propagation.Foreground);

        assertThat(plan(ResourceTypes.REPLICA_SET, "web")).as("owner waits while a blocking dependent exists").isEmpty();
        reconcile(ResourceTypes.POD, "web-1");
        assertThat(cluster.writes()).containsExactly("delete pods web-1");
        assertThat(cluster.get(ResourceTypes.POD, "default", "web-1").orElseThrow().at("/metadata/finalizers").toString())
                .as("deleted in the foreground in turn, the pod waits for its own dependents").isEqualTo("[\"foregroundDeletion\"]");
        reconcile(ResourceTypes.POD, "web-1");
        reconcile(ResourceTypes.REPLICA_SET, "web");

        assertThat(cluster.writes()).containsExactly("delete pods web-1", "update pods web-1", "update replicasets web");
        assertThat(cluster.get(ResourceTypes.POD, "default", "web-1")).isEmpty();
        assertThat(cluster.get(ResourceTypes.REPLICA_SET, "default", "web")).as("released, the owner is gone").isEmpty();
    }

    @Test
    void dependentOfAForegroundOwnerIsItselfDeletedInTheForeground() {
        GcPlanner.Typed pod = new GcPlanner.Typed(ResourceTypes.POD, pod("web-1", replicaSet("web", "uid-web")));

        List<GcAction> actions = GcPlanner.plan(pod, List.of(), Map.of("uid-web", OwnerState.DELETING_DEPENDENTS), List.of());

        assertThat(actions).containsExactly(new GcAction.Delete(ResourceTypes.POD, "default", "web-1", "uid-web-1",
                DeleteOptions.Propagation.Foreground));
    }

    @Test
    void orphanRemovesTheReferenceFromDependentsThenTheFinalizer() {
        ObjectNode rs = cluster.seed(ResourceTypes.REPLICA_SET, replicaSet("web", "uid-web"));
        cluster.seed(ResourceTypes.POD, pod("web-1", rs));
        deleteReplicaSet("web", DeleteOptions.Propagation.Orphan);

        reconcile(ResourceTypes.REPLICA_SET, "web");

        assertThat(cluster.writes()).containsExactly("update pods web-1", "update replicasets web");
        assertThat(cluster.get(ResourceTypes.POD, "default", "web-1").orElseThrow().at("/metadata").has("ownerReferences")).isFalse();
        assertThat(cluster.get(ResourceTypes.REPLICA_SET, "default", "web")).as("its last finalizer gone, the owner is gone").isEmpty();
    }

    @Test
    void deletingANamespaceDeletesEverythingInItThenTheNamespace() {
        ObjectNode namespace = (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace",
                 "metadata":{"name":"team","uid":"uid-ns","deletionTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}""");
        ObjectNode pod = pod("web-1");
        pod.withObjectProperty("metadata").put("namespace", "team");
        ObjectNode settings = object("ConfigMap", "v1", "settings", "uid-settings");
        settings.withObjectProperty("metadata").put("namespace", "team");
        List<GcPlanner.Typed> contents = List.of(new GcPlanner.Typed(ResourceTypes.POD, pod),
                new GcPlanner.Typed(ResourceTypes.CONFIG_MAP, settings));
        assertThat(GcPlanner.plan(new GcPlanner.Typed(ResourceTypes.NAMESPACE, namespace), List.of(), Map.of(), contents))
                .extracting(GarbageCollectorTest::describe)
                .containsExactly("status namespaces team", "delete pods web-1", "delete configmaps settings");

        namespace.withObjectProperty("metadata").remove("deletionTimestamp");
        cluster.seed(ResourceTypes.NAMESPACE, namespace);
        cluster.seed(ResourceTypes.POD, held(pod));
        cluster.seed(ResourceTypes.CONFIG_MAP, held(settings));
        cluster.client().delete(ResourceTypes.NAMESPACE, null, "team", DeleteOptions.defaults());
        reconcile(ResourceTypes.NAMESPACE, "team");
        assertThat(cluster.writes()).as("the server marked the namespace and deleted its contents itself").isEmpty();

        release(ResourceTypes.POD, "web-1");
        release(ResourceTypes.CONFIG_MAP, "settings");
        reconcile(ResourceTypes.NAMESPACE, "team");

        assertThat(cluster.writes()).containsExactly("update namespaces team", "delete namespaces team");
        assertThat(cluster.get(ResourceTypes.NAMESPACE, null, "team")).isEmpty();
    }

    /**
     * The collector keeps no informer of Events (they come by the thousand and expire on their own); an emptied
     * namespace has its Events deleted as a collection, in case one was written while the server emptied it.
     */
    @Test
    void theCollectorKeepsNoInformerOfEventsAndDeletesThoseOfAnEmptiedNamespace() {
        assertThat(GarbageCollectorController.watchedTypes()).doesNotContain(ResourceTypes.EVENT)
                .contains(ResourceTypes.NAMESPACE, ResourceTypes.POD, ResourceTypes.CONFIG_MAP);
        ObjectNode namespace = (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Namespace",
                 "metadata":{"name":"team","uid":"uid-ns","deletionTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Terminating"}}""");

        assertThat(GcPlanner.plan(new GcPlanner.Typed(ResourceTypes.NAMESPACE, namespace), List.of(), Map.of(), List.of()))
                .extracting(GarbageCollectorTest::describe)
                .containsExactly("delete all events in team", "update namespaces team", "delete namespaces team");
    }

    /** A copy of {@code object} with a finalizer that keeps it, once deleted, until {@link #release} removes it. */
    private static ObjectNode held(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.withObjectProperty("metadata").putArray("finalizers").add("example.com/hold");
        return copy;
    }

    private void release(ResourceType type, String name) {
        ObjectNode object = cluster.get(type, "team", name).orElseThrow();
        object.withObjectProperty("metadata").remove("finalizers");
        cluster.update(type, object);
    }

    private static String describe(GcAction action) {
        return switch (action) {
            case GcAction.Delete delete -> "delete " + delete.type().plural() + " " + delete.name();
            case GcAction.DeleteAll all -> "delete all " + all.type().plural() + " in " + all.namespace();
            case GcAction.Update update -> "update " + update.type().plural() + " " + update.object().at("/metadata/name").asText();
            case GcAction.UpdateStatus update -> "status " + update.type().plural() + " " + update.object().at("/metadata/name").asText();
        };
    }
}
