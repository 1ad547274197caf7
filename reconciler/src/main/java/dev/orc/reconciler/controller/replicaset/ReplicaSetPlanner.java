package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.model.Condition;
import dev.orc.api.model.LabelSelector;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.api.model.ReplicaSetStatus;
import dev.orc.reconciler.controller.Pods;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pure heart of the ReplicaSet controller: from a ReplicaSet and the pods of its namespace, the pod writes
 * that bring the number of its active pods to {@code spec.replicas}, and its status as observed now.
 */
public final class ReplicaSetPlanner {
    /** At most this many creates or deletes in one pass, as Kubernetes' burstReplicas. */
    static final int BURST = 500;
    static final String REPLICA_FAILURE = "ReplicaFailure";

    private ReplicaSetPlanner() {
    }

    /**
     * @param rs        the ReplicaSet
     * @param pods      every pod of its namespace
     * @param mayManage false while earlier creates or deletes have not reached the cache: then only adopt, release
     *                  and report status
     * @param now       the time, for {@code minReadySeconds}
     */
    public static ReplicaSetPlan plan(Cached<ReplicaSet> rs, List<Cached<Pod>> pods, boolean mayManage, Instant now) {
        ReplicaSet view = rs.view();
        LabelSelector selector = view.spec().selector();
        boolean deleting = view.metadata().deleting();
        List<PodAction> actions = new ArrayList<>();
        List<Cached<Pod>> owned = new ArrayList<>();
        for (Cached<Pod> pod : pods) {
            if (!Pods.active(pod.view())) {
                continue;
            }
            boolean matches = selector != null && selector.matches(pod.view().metadata().labels());
            switch (ControllerRefs.claim(pod.view().metadata(), rs.uid(), matches, deleting)) {
                case OWNED -> owned.add(pod);
                case ADOPT -> {
                    ObjectNode adopted = ControllerRefs.adopted(pod.copy(), rs.copy());
                    actions.add(new PodAction.Adopt(pod.name(), adopted));
                    owned.add(Cached.of(adopted, Pod.class));
                }
                case RELEASE -> actions.add(
                        new PodAction.Release(pod.name(), ControllerRefs.released(pod.copy(), rs.uid())));
                case IGNORE -> { }
            }
        }
        int replicas = replicas(view);
        if (mayManage && !deleting) {
            int diff = owned.size() - replicas;
            if (diff < 0) {
                ObjectNode rsTree = rs.copy();
                for (int i = 0; i < Math.min(-diff, BURST); i++) {
                    actions.add(new PodAction.Create(podFromTemplate(rsTree)));
                }
            } else if (diff > 0) {
                PodDeletionOrder.rank(owned).stream().limit(Math.min(diff, BURST))
                        .forEach(p -> actions.add(new PodAction.Delete(p.name(), p.uid())));
            }
        }
        int minReady = minReadySeconds(view);
        ReplicaSetStatus status = status(view, owned, minReady, now);
        ReplicaSetStatus update = Objects.equals(status, view.status()) ? null : status;
        return new ReplicaSetPlan(actions, update, recheck(owned, minReady, now));
    }

    /** The pod the template describes, owned by the ReplicaSet and named after it. */
    static ObjectNode podFromTemplate(ObjectNode rs) {
        JsonNode template = rs.path("spec").path("template");
        JsonNode templateMeta = template.path("metadata");
        ObjectNode pod = Json.object();
        pod.put("apiVersion", Pod.API_VERSION);
        pod.put("kind", Pod.KIND);
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("generateName", rs.path("metadata").path("name").asText() + "-");
        metadata.put("namespace", rs.path("metadata").path("namespace").asText());
        for (String field : List.of("labels", "annotations", "finalizers")) {
            if (templateMeta.hasNonNull(field)) {
                metadata.set(field, templateMeta.get(field).deepCopy());
            }
        }
        metadata.putArray("ownerReferences").add(ControllerRefs.reference(rs));
        pod.set("spec", template.path("spec").isObject() ? template.get("spec").deepCopy() : Json.object());
        return pod;
    }

    static int replicas(ReplicaSet rs) {
        return rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    }

    static int minReadySeconds(ReplicaSet rs) {
        return rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
    }

    private static ReplicaSetStatus status(ReplicaSet rs, List<Cached<Pod>> owned, int minReady, Instant now) {
        Map<String, String> templateLabels = rs.spec().template() == null || rs.spec().template().metadata() == null
                ? Map.of() : rs.spec().template().metadata().labels();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Cached<Pod> cached : owned) {
            Pod pod = cached.view();
            if (pod.metadata().labels().entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (Pods.ready(pod)) {
                ready++;
                if (Pods.available(pod, minReady, now)) {
                    available++;
                }
            }
        }
        List<Condition> conditions = rs.status() == null ? List.of()
                : rs.status().conditions().stream().filter(c -> !REPLICA_FAILURE.equals(c.type())).toList();
        return new ReplicaSetStatus(owned.size(), fullyLabeled, ready, available, rs.metadata().generation(), conditions);
    }

    /** When the next ready pod passes {@code minReadySeconds}, if any is waiting to. */
    private static Duration recheck(List<Cached<Pod>> owned, int minReady, Instant now) {
        if (minReady <= 0) {
            return null;
        }
        return owned.stream().map(Cached::view)
                .filter(p -> Pods.ready(p) && !Pods.available(p, minReady, now))
                .map(p -> Pods.readySince(p).map(since -> Duration.between(now, since.plusSeconds(minReady + 1L)))
                        .orElse(Duration.ofSeconds(minReady)))
                .map(d -> d.isNegative() ? Duration.ofSeconds(1) : d)
                .min(Duration::compareTo).orElse(null);
    }
}
