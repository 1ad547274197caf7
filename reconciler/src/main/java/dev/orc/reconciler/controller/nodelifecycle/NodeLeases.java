package dev.orc.reconciler.controller.nodelifecycle;

import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Lease;

import java.util.Optional;

/**
 * Each node's heartbeat Lease in {@code kube-node-lease}, renewed by its agent every few seconds, as the kubelet
 * renews its own: the node's sign of life between the rarer writes of its status.
 */
@FunctionalInterface
public interface NodeLeases {
    String NAMESPACE = "kube-node-lease";

    /** The Lease's {@code spec.renewTime}, if the node has a Lease. */
    Optional<String> renewTime(String nodeName);

    static NodeLeases of(Informer<Lease> leases) {
        ObjectCache<Lease> cache = ObjectCache.of(leases);
        return node -> cache.get(new ObjectKey(NAMESPACE, node)).map(lease -> lease.text("/spec/renewTime"));
    }
}
