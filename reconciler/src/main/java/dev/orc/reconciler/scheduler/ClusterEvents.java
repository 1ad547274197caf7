package dev.orc.reconciler.scheduler;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.SchedulerCache;
import dev.orc.reconciler.scheduler.queue.SchedulingQueue;

import java.util.Map;
import java.util.Objects;

/**
 * Turns what the pod and node informers see into the scheduler's state: bound pods into the cache,
 * pods waiting for this scheduler into {@code pending} and the queue, and changes that may make room
 * (a node added or changed in what filters read, a bound pod deleted or finished) into a retry of every
 * unschedulable pod.
 */
final class ClusterEvents {
    private final SchedulerCache cache;
    private final SchedulingQueue queue;
    private final Map<ObjectKey, PodInfo> pending;

    ClusterEvents(SchedulerCache cache, SchedulingQueue queue, Map<ObjectKey, PodInfo> pending) {
        this.cache = cache;
        this.queue = queue;
        this.pending = pending;
    }

    EventHandler<Pod> pods() {
        return new EventHandler<>() {
            @Override
            public void onAdd(Cached<Pod> object) {
                podChanged(null, object);
            }

            @Override
            public void onUpdate(Cached<Pod> oldObject, Cached<Pod> newObject) {
                podChanged(oldObject, newObject);
            }

            @Override
            public void onDelete(Cached<Pod> object) {
                podGone(object.key());
            }
        };
    }

    /**
     * The binding of a pod this scheduler assumed, seen on the watch: confirmed without reading the pod again, which
     * half of a pod's events would otherwise cost.
     */
    private boolean confirmsAssumption(Cached<Pod> object) {
        String nodeName = object.text("/spec/nodeName");
        String phase = object.text("/status/phase");
        if (nodeName.isEmpty() || phase.equals(PodStatus.SUCCEEDED) || phase.equals(PodStatus.FAILED)) {
            return false;
        }
        ObjectKey key = object.key();
        if (!cache.confirmAssumed(key, nodeName)) {
            return false;
        }
        pending.remove(key);
        queue.remove(key);
        return true;
    }

    EventHandler<Node> nodes() {
        return new EventHandler<>() {
            @Override
            public void onAdd(Cached<Node> object) {
                cache.putNode(object.view());
                queue.moveAllToActive();
            }

            @Override
            public void onUpdate(Cached<Node> oldObject, Cached<Node> newObject) {
                Node node = newObject.view();
                cache.putNode(node);
                if (mayMakeRoom(oldObject.view(), node)) {
                    queue.moveAllToActive();
                }
            }

            @Override
            public void onDelete(Cached<Node> object) {
                cache.removeNode(object.name());
            }
        };
    }

    private void podChanged(Cached<Pod> oldObject, Cached<Pod> object) {
        if (confirmsAssumption(object)) {
            return;
        }
        PodInfo pod = PodInfo.of(object.view());
        ObjectKey key = pod.key();
        if (pod.pod().nodeName() != null && !pod.pod().nodeName().isEmpty()) {
            pending.remove(key);
            queue.remove(key);
            if (finished(pod.pod())) {
                podGone(key);
            } else {
                cache.putBoundPod(pod);
            }
            return;
        }
        if (!waitsForUs(pod.pod())) {
            pending.remove(key);
            queue.remove(key);
            return;
        }
        pending.put(key, pod);
        boolean specChanged = oldObject == null || !Objects.equals(oldObject.view().spec(), object.view().spec());
        if (specChanged && !cache.isAssumed(key)) {
            queue.add(key);
        }
    }

    private void podGone(ObjectKey key) {
        pending.remove(key);
        queue.remove(key);
        if (cache.removePod(key)) {
            queue.moveAllToActive();
        }
    }

    /** Unbound, not being deleted, not finished, and for the default scheduler. */
    static boolean waitsForUs(Pod pod) {
        ObjectMeta meta = pod.metadata();
        String scheduler = pod.spec() == null ? null : pod.spec().schedulerName();
        boolean ours = scheduler == null || scheduler.isEmpty() || Scheduler.DEFAULT_SCHEDULER.equals(scheduler);
        return ours && (meta == null || !meta.deleting()) && !finished(pod);
    }

    private static boolean finished(Pod pod) {
        return pod.status() != null && pod.status().finished();
    }

    /** Whether a node change touches what the filters read (heartbeats alone do not). */
    private static boolean mayMakeRoom(Node old, Node node) {
        NodeStatus before = old.status();
        NodeStatus after = node.status();
        return !Objects.equals(old.spec(), node.spec())
                || !Objects.equals(labels(old), labels(node))
                || !Objects.equals(before == null ? null : before.allocatable(), after == null ? null : after.allocatable())
                || (before != null && before.ready()) != (after != null && after.ready());
    }

    private static Map<String, String> labels(Node node) {
        return node.metadata() == null ? Map.of() : node.metadata().labels();
    }
}
