package dev.orc.reconciler.controller.daemonset;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.model.DaemonSet;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.OwnerKeys;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * Wires the DaemonSet controller: DaemonSet changes enqueue themselves, pod changes their DaemonSet, and any node
 * change every DaemonSet (a node added, relabelled, tainted or removed may change where daemon pods belong).
 */
public final class DaemonSetController {
    public static final String NAME = "daemonset";

    private DaemonSetController() {
    }

    public static Controller create(Informer<DaemonSet> daemonSets, Informer<Pod> pods, Informer<Node> nodes,
                                    ApiClient client, EventRecorder events, InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        OwnerKeys.watch(daemonSets, DaemonSet.KIND, pods, queue::add);
        nodes.addHandler(new EventHandler<>() {
            @Override
            public void onAdd(Cached<Node> node) {
                daemonSets.list().forEach(ds -> queue.add(ds.key()));
            }

            @Override
            public void onUpdate(Cached<Node> oldNode, Cached<Node> newNode) {
                if (placementChanged(oldNode.view(), newNode.view())) {
                    onAdd(newNode);
                }
            }

            @Override
            public void onDelete(Cached<Node> node) {
                onAdd(node);
            }
        });
        DaemonSetReconciler reconciler = new DaemonSetReconciler(ObjectCache.of(daemonSets), ObjectCache.of(pods),
                ObjectCache.of(nodes), client, events, new Expectations(clock, Expectations.DEFAULT_TIMEOUT), clock);
        return new Controller(NAME, queue, reconciler, List.of(daemonSets, pods, nodes), workers);
    }

    /** What placement reads from a node; heartbeats change none of it. */
    private static boolean placementChanged(Node before, Node after) {
        return !before.metadata().labels().equals(after.metadata().labels()) || !Objects.equals(before.spec(), after.spec());
    }
}
