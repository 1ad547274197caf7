package dev.orc.reconciler.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Taint;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of the node lifecycle controller for one node, in the order it is carried out: the node's status
 * (Ready=Unknown once its heartbeat is too old), its taints (applied to the node as the status write left it), its pods' status (not ready), evictions, and events.
 */
public record NodePlan(Optional<ObjectNode> nodeStatus, Optional<List<Taint>> nodeTaints, List<ObjectNode> podsNotReady,
                       List<Eviction> evictions, List<Note> events, Optional<Duration> recheckAfter) {

    /** A pod to delete: at once ({@code force}, the node cannot confirm it stopped) or with its grace period. */
    public record Eviction(Pod pod, boolean force, String message) {
    }

    /** An event, about the node or ({@code pod} set) about one of its pods. */
    public record Note(Pod pod, String type, String reason, String message) {
    }

    public NodePlan {
        podsNotReady = List.copyOf(podsNotReady);
        evictions = List.copyOf(evictions);
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return nodeStatus.isEmpty() && nodeTaints.isEmpty() && podsNotReady.isEmpty() && evictions.isEmpty();
    }
}
