package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.ControllerRevision;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Timestamps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A StatefulSet with its pods, claims and revisions in memory for the planner tests: {@link #step} plans once and
 * applies the plan as the API would (a created pod is Pending, a deleted one gone); the tests play the kubelet and
 * the user.
 */
final class StatefulSetWorld {
    Instant now = Instant.parse("2024-05-01T12:00:00Z");
    ObjectNode set;
    final Map<String, ObjectNode> pods = new LinkedHashMap<>();
    final Map<String, ObjectNode> claims = new LinkedHashMap<>();
    final Map<String, ObjectNode> revisions = new LinkedHashMap<>();
    private int uids;

    StatefulSetWorld(int replicas) {
        set = (ObjectNode) Json.parse("""
                {"apiVersion":"apps/v1","kind":"StatefulSet",
                 "metadata":{"namespace":"default","name":"web","uid":"uid-web","generation":1},
                 "spec":{"replicas":%d,"serviceName":"web","podManagementPolicy":"OrderedReady",
                         "selector":{"matchLabels":{"app":"web"}},
                         "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}},
                         "revisionHistoryLimit":10,
                         "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Retain"},
                         "template":{"metadata":{"labels":{"app":"web"}},
                                     "spec":{"containers":[{"name":"web","image":"web:1",
                                             "volumeMounts":[{"name":"data","mountPath":"/data"}]}]}},
                         "volumeClaimTemplates":[{"metadata":{"name":"data"},
                             "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
                """.formatted(replicas));
    }

    ObjectNode spec() {
        return set.withObjectProperty("spec");
    }

    StatefulSetWorld parallel() {
        spec().put("podManagementPolicy", "Parallel");
        return this;
    }

    void image(String image) {
        ((ObjectNode) spec().at("/template/spec/containers/0")).put("image", image);
        bumpGeneration();
    }

    void replicas(int replicas) {
        spec().put("replicas", replicas);
        bumpGeneration();
    }

    void bumpGeneration() {
        ObjectNode metadata = set.withObjectProperty("metadata");
        metadata.put("generation", metadata.path("generation").asLong() + 1);
    }

    StatefulSetPlan plan() {
        return StatefulSetPlanner.plan(set, views(pods, Pod.class), views(claims, PersistentVolumeClaim.class),
                views(revisions, ControllerRevision.class), now);
    }

    /** Plans once and applies the plan. */
    StatefulSetPlan step() {
        StatefulSetPlan plan = plan();
        plan.revisionCreates().forEach(r -> revisions.put(name(r), withUid(r)));
        plan.revisionUpdates().forEach(r -> revisions.put(name(r), r));
        plan.revisionDeletes().forEach(revisions::remove);
        plan.claimCreates().forEach(c -> claims.put(name(c), withUid(c)));
        plan.claimUpdates().forEach(c -> claims.put(name(c), c));
        plan.podCreates().forEach(p -> {
            ObjectNode pod = withUid(p);
            pod.putObject("status").put("phase", "Pending");
            pods.put(name(pod), pod);
        });
        plan.podDeletes().forEach(p -> pods.remove(p.name()));
        set.set("status", Json.tree(plan.status()));
        return plan;
    }

    /** Steps, making every pod Running and Ready after each, until a step writes nothing to pods. */
    void converge() {
        for (int i = 0; i < 50; i++) {
            StatefulSetPlan plan = step();
            readyAll();
            if (plan.podCreates().isEmpty() && plan.podDeletes().isEmpty()) {
                return;
            }
        }
        throw new AssertionError("did not converge");
    }

    void readyAll() {
        pods.keySet().forEach(this::ready);
    }

    void ready(String name) {
        ObjectNode status = pods.get(name).putObject("status").put("phase", "Running");
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("lastTransitionTime", Timestamps.format(now));
    }

    void phase(String name, String phase) {
        pods.get(name).putObject("status").put("phase", phase);
    }

    void terminating(String name) {
        pods.get(name).withObjectProperty("metadata").put("deletionTimestamp", Timestamps.format(now));
    }

    String revisionOf(String pod) {
        return pods.get(pod).at("/metadata/labels/controller-revision-hash").asText();
    }

    String imageOf(String pod) {
        return pods.get(pod).at("/spec/containers/0/image").asText();
    }

    static List<String> names(List<?> objects) {
        List<String> names = new ArrayList<>();
        for (Object object : objects) {
            names.add(object instanceof Pod pod ? pod.name() : name((ObjectNode) object));
        }
        return names;
    }

    private ObjectNode withUid(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.withObjectProperty("metadata").put("uid", "uid-" + (++uids)).put("creationTimestamp", Timestamps.format(now));
        return copy;
    }

    private static String name(ObjectNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static <T> List<T> views(Map<String, ObjectNode> objects, Class<T> type) {
        return objects.values().stream().map(o -> Json.convert(o, type)).toList();
    }
}
