package dev.orc.reconciler.controller.nodelifecycle;

import dev.orc.reconciler.controller.EventRecorder;
import dev.orc.reconciler.controller.ObjectCache;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.controller.runtime.Controller;
import dev.orc.reconciler.controller.runtime.EventHandler;
import dev.orc.reconciler.controller.runtime.Informer;
import dev.orc.reconciler.controller.runtime.ObjectKey;
import dev.orc.reconciler.controller.runtime.WorkQueue;

import java.time.InstantSource;
import java.util.List;

/**
 * Wires the node lifecycle controller: node changes and heartbeat Lease renewals enqueue the node, pod changes the node the
 * pod is bound to; a silent node is looked at again when its grace period runs out, by the reconciler's requeue.
 */
public final class NodeLifecycleController {
    public static final String NAME = "nodelifecycle";

    private NodeLifecycleController() {
    }

    public static Controller create(Informer nodes, Informer pods, Informer leases, ObjectWriter writer, PodDeleter deleter,
                                    EventRecorder events, InstantSource clock, NodeLifecycleConfig config, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        nodes.addHandler(EventHandler.enqueueOwnKey(queue::add));
        leases.addHandler(EventHandler.enqueue(lease -> {
            if (NodeLeases.NAMESPACE.equals(lease.path("metadata").path("namespace").asText())) {
                queue.add(new ObjectKey("", lease.path("metadata").path("name").asText()));
            }
        }));
        pods.addHandler(EventHandler.enqueueEachVersion(pod -> {
            String node = pod.path("spec").path("nodeName").asText("");
            if (!node.isEmpty()) {
                queue.add(new ObjectKey("", node));
            }
        }));
        NodeLifecycleReconciler reconciler = new NodeLifecycleReconciler(ObjectCache.of(nodes),
                PodsOnNode.of(pods), NodeLeases.of(leases), writer, deleter, events, clock, config);
        return new Controller(NAME, queue, reconciler, List.of(nodes, pods, leases), workers);
    }
}
