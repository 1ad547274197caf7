package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One write a ReplicaSet's plan asks for. */
public sealed interface PodAction {
    /** Create a pod from the template ({@code metadata.generateName} is {@code <replicaset>-}). */
    record Create(ObjectNode pod) implements PodAction {
    }

    /** Delete a surplus pod, as long as it is still the one with {@code uid}. */
    record Delete(String name, String uid) implements PodAction {
    }

    /** Take an orphan the selector matches: the pod with this ReplicaSet added as its controller. */
    record Adopt(String name, ObjectNode pod) implements PodAction {
    }

    /** Let go of a pod that no longer matches: the pod without the reference to this ReplicaSet. */
    record Release(String name, ObjectNode pod) implements PodAction {
    }
}
