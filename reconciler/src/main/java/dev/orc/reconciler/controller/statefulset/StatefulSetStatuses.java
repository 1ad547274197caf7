package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.Pod;
import dev.orc.api.model.StatefulSetStatus;
import dev.orc.api.model.StatefulSetUpdateStrategy;
import dev.orc.reconciler.controller.Pods;

import java.time.Instant;
import java.util.List;

/**
 * A StatefulSet's status as Kubernetes counts it from its pods: replicas (pods created), ready (Running and Ready),
 * available (ready for minReadySeconds), current and updated (pods not terminating of the current and the update
 * revision). A RollingUpdate whose pods are all updated and ready is complete: the update revision becomes current.
 */
final class StatefulSetStatuses {
    private StatefulSetStatuses() {
    }

    static StatefulSetStatus of(ObjectNode set, List<Pod> pods, SetRevisions revisions, int minReady, Instant now) {
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (Pod pod : pods) {
            boolean created = pod.phase() != null && !pod.phase().isEmpty();
            if (created) {
                replicas++;
            }
            if (StatefulSetPlanner.runningAndReady(pod)) {
                ready++;
                if (Pods.available(pod, minReady, now)) {
                    available++;
                }
            }
            if (created && !StatefulSetPlanner.terminating(pod)) {
                String revision = StatefulSetPlanner.revisionOf(pod);
                if (revision.equals(revisions.current())) {
                    current++;
                }
                if (revision.equals(revisions.update())) {
                    updated++;
                }
            }
        }
        String currentRevision = revisions.current();
        boolean onDelete = StatefulSetUpdateStrategy.ON_DELETE.equals(set.path("spec").path("updateStrategy").path("type").asText());
        if (!onDelete && updated == replicas && ready == replicas) {
            current = updated;
            currentRevision = revisions.update();
        }
        Long generation = set.path("metadata").has("generation") ? set.path("metadata").path("generation").asLong() : null;
        return new StatefulSetStatus(generation, replicas, ready, current, updated,
                currentRevision, revisions.update(), revisions.collisionCount(), available,
                List.of());
    }
}
