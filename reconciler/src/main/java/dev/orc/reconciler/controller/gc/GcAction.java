package dev.orc.reconciler.controller.gc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceType;

/** One write of the garbage collector. */
public sealed interface GcAction {
    /** Delete the object if it still has {@code uid}, treating its own dependents by {@code propagation}. */
    record Delete(ResourceType type, String namespace, String name, String uid,
                  DeleteOptions.Propagation propagation) implements GcAction {
    }

    /** Delete every object of a kind the collector keeps no informer of (Events) in a namespace being deleted. */
    record DeleteAll(ResourceType type, String namespace) implements GcAction {
    }

    /** Write the object's metadata (owner references or finalizers) or spec. */
    record Update(ResourceType type, ObjectNode object) implements GcAction {
    }

    /** Write the object's status (a namespace's Terminating phase). */
    record UpdateStatus(ResourceType type, ObjectNode object) implements GcAction {
    }
}
