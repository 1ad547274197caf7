package dev.orc.reconciler.controller.nodelifecycle;

import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.model.Lease;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;

/**
 * Wires the node lifecycle controller: node changes and heartbeat Lease renewals enqueue the node, pod changes the node the
 * pod is bound to; a silent node is looked at again when its grace period runs out, by the reconciler's requeue.
 */
public final class NodeLifecycleController {
    public static final String NAME = "nodelifecycle";
    /**
     * Where each node's heartbeat Lease is, renewed by its agent every few seconds as the kubelet renews its own: the
     * node's sign of life between the rarer writes of its status.
     */
    public static final String LEASE_NAMESPACE = "kube-node-lease";

    private NodeLifecycleController() {
    }

    public static Controller create(Informer<Node> nodes, Informer<Pod> pods, Informer<Lease> leases, ApiClient client,
                                    EventRecorder events, InstantSource clock, NodeLifecycleConfig config, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        nodes.addHandler(EventHandler.enqueueOwnKey(queue::add));
        leases.addHandler(EventHandler.enqueue(lease -> {
            if (LEASE_NAMESPACE.equals(lease.key().namespace())) {
                queue.add(new ObjectKey("", lease.key().name()));
            }
        }));
        pods.addHandler(EventHandler.enqueueEachVersion(pod -> {
            String node = pod.text("/spec/nodeName");
            if (!node.isEmpty()) {
                queue.add(new ObjectKey("", node));
            }
        }));
        NodeLifecycleReconciler reconciler = new NodeLifecycleReconciler(ObjectCache.of(nodes),
                ObjectCache.of(pods), ObjectCache.of(leases), client, events, clock, config);
        return new Controller(NAME, queue, reconciler, List.of(nodes, pods, leases), workers);
    }
}
