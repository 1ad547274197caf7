package dev.orc.reconciler.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Informer;

import java.util.List;

/** The pods bound to a node, in every namespace, as the pod cache has them. */
@FunctionalInterface
public interface PodsOnNode {
    List<ObjectNode> on(String nodeName);

    static PodsOnNode of(Informer pods) {
        return node -> pods.list(p -> node.equals(p.path("spec").path("nodeName").asText()));
    }
}
