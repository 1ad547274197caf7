package dev.orc.reconciler.controller.nodelifecycle;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.Informer;
import dev.orc.api.model.Pod;

import java.util.List;

/** The pods bound to a node, in every namespace, as the pod cache has them. */
@FunctionalInterface
public interface PodsOnNode {
    List<Cached<Pod>> on(String nodeName);

    /** Through the informer's node index: a node's pods without reading every pod of the cluster. */
    static PodsOnNode of(Informer<Pod> pods) {
        return node -> pods.byIndex(Index.NODE, node);
    }
}
