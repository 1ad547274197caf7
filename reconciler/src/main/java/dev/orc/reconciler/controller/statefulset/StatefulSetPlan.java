package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.Pod;
import dev.orc.api.model.StatefulSetStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a StatefulSet, in the order the reconciler writes it: ControllerRevisions to create, to renumber (an
 * older template became the update revision again) and to delete (history past revisionHistoryLimit); claims to
 * create and claims whose owner references the retention policy changes; pods to create and to delete; the status
 * as observed; and when time alone changes the picture (a pod becoming available after minReadySeconds).
 */
public record StatefulSetPlan(List<ObjectNode> revisionCreates, List<ObjectNode> revisionUpdates,
                              List<String> revisionDeletes, List<ObjectNode> claimCreates,
                              List<ObjectNode> claimUpdates, List<ObjectNode> podCreates, List<Pod> podDeletes,
                              StatefulSetStatus status, Optional<Duration> recheckAfter) {
    public StatefulSetPlan {
        revisionCreates = List.copyOf(revisionCreates);
        revisionUpdates = List.copyOf(revisionUpdates);
        revisionDeletes = List.copyOf(revisionDeletes);
        claimCreates = List.copyOf(claimCreates);
        claimUpdates = List.copyOf(claimUpdates);
        podCreates = List.copyOf(podCreates);
        podDeletes = List.copyOf(podDeletes);
    }
}
