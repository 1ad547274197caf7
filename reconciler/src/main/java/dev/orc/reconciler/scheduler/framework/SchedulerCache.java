package dev.orc.reconciler.scheduler.framework;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The scheduler's picture of the cluster, fed by the pod and node informers and by its own decisions:
 * a pod the scheduler has placed is "assumed" on its node at once, so the next decision counts it,
 * until the watch confirms the binding (or the binding fails and the pod is forgotten).
 * Thread-safe; decisions read it through {@link #read}, which holds the lock for their duration.
 */
public final class SchedulerCache {
    private record Placed(PodInfo pod, String nodeName, boolean assumed) {
    }

    private final TreeMap<String, NodeInfo> nodes = new TreeMap<>();
    private final Map<ObjectKey, Placed> pods = new HashMap<>();
    private List<NodeInfo> ordered = List.of();
    private boolean orderStale;

    private final Snapshot view = new Snapshot() {
        @Override
        public List<NodeInfo> nodes() {
            if (orderStale) {
                List<NodeInfo> real = new ArrayList<>(nodes.size());
                for (NodeInfo info : nodes.values()) {
                    if (info.node() != null) {
                        real.add(info);
                    }
                }
                ordered = List.copyOf(real);
                orderStale = false;
            }
            return ordered;
        }

        @Override
        public Optional<NodeInfo> node(String name) {
            NodeInfo info = nodes.get(name);
            return info == null || info.node() == null ? Optional.empty() : Optional.of(info);
        }
    };

    /** Runs {@code decision} over a consistent view; the view must not escape it. */
    public synchronized <T> T read(Function<Snapshot, T> decision) {
        return decision.apply(view);
    }

    public synchronized void putNode(Node node) {
        String name = node.name();
        NodeInfo info = nodes.computeIfAbsent(name, NodeInfo::new);
        if (info.node() == null) {
            orderStale = true;
        }
        info.setNode(node);
    }

    public synchronized void removeNode(String name) {
        NodeInfo info = nodes.get(name);
        if (info == null) {
            return;
        }
        info.setNode(null);
        orderStale = true;
        if (info.isEmpty()) {
            nodes.remove(name);
        }
    }

    /** A pod the API says is bound to {@code pod.spec.nodeName}; confirms it if it was assumed. */
    public synchronized void putBoundPod(PodInfo pod) {
        place(pod, pod.pod().nodeName(), false);
    }

    /**
     * The API shows the binding of a pod assumed on {@code nodeName}: it counts there as bound from now on, as it was
     * assumed (a binding changes nothing the scheduler counts). False when it was not assumed there.
     */
    public synchronized boolean confirmAssumed(ObjectKey key, String nodeName) {
        Placed placed = pods.get(key);
        if (placed == null || !placed.assumed() || !placed.nodeName().equals(nodeName)) {
            return false;
        }
        pods.put(key, new Placed(placed.pod(), nodeName, false));
        return true;
    }

    /** The pod is gone or finished; returns whether it occupied a node. */
    public synchronized boolean removePod(ObjectKey key) {
        Placed placed = pods.remove(key);
        if (placed == null) {
            return false;
        }
        unplace(key, placed.nodeName());
        return true;
    }

    /** Counts the pod on {@code nodeName} now, before the binding is confirmed. */
    public synchronized void assume(PodInfo pod, String nodeName) {
        place(pod, nodeName, true);
    }

    /** The binding failed: the pod no longer counts on the node it was assumed on. */
    public synchronized void forget(ObjectKey key) {
        Placed placed = pods.get(key);
        if (placed != null && placed.assumed()) {
            removePod(key);
        }
    }

    public synchronized boolean isAssumed(ObjectKey key) {
        Placed placed = pods.get(key);
        return placed != null && placed.assumed();
    }

    /** The node a pod is bound or assumed on, if any. */
    public synchronized Optional<String> nodeOf(ObjectKey key) {
        Placed placed = pods.get(key);
        return placed == null ? Optional.empty() : Optional.of(placed.nodeName());
    }

    private void place(PodInfo pod, String nodeName, boolean assumed) {
        Placed previous = pods.put(pod.key(), new Placed(pod, nodeName, assumed));
        if (previous != null && !previous.nodeName().equals(nodeName)) {
            unplace(pod.key(), previous.nodeName());
        }
        NodeInfo info = nodes.computeIfAbsent(nodeName, NodeInfo::new);
        info.addPod(pod);
    }

    private void unplace(ObjectKey key, String nodeName) {
        NodeInfo info = nodes.get(nodeName);
        if (info != null) {
            info.removePod(key);
            if (info.isEmpty()) {
                nodes.remove(nodeName);
            }
        }
    }
}
