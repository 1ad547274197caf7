package dev.orc.node.pod;

import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what the runtime has of a pod, found by the labels the agent put on its containers.
 *
 * <p>Once the node's containers have been listed ({@link #podUids}), the first look at a pod that had none among them
 * answers "nothing" without asking the runtime: only this agent creates a pod's containers, and only after that
 * first look, so a new pod starts with one Docker call fewer. Every later look lists.
 */
public final class PodObserver {

    private final ContainerRuntime runtime;
    private final String nodeName;
    /** Pods that may have containers: those found when the node was listed, and every pod looked at since. */
    private final Set<String> looked = ConcurrentHashMap.newKeySet();
    private volatile boolean nodeListed;

    public PodObserver(ContainerRuntime runtime, String nodeName) {
        this.runtime = runtime;
        this.nodeName = nodeName;
    }

    public ObservedPod observe(String uid) {
        if (nodeListed && looked.add(uid)) {
            return ObservedPod.EMPTY;
        }
        List<ObservedContainer> containers = new ArrayList<>();
        for (ContainerSummary summary : runtime.list(PodLabels.ofPod(nodeName, uid))) {
            try {
                containers.add(ObservedContainer.of(runtime.inspect(summary.id())));
            } catch (ContainerNotFoundException e) {
                // removed between list and inspect: it is not there
            }
        }
        return new ObservedPod(containers);
    }

    /**
     * What there is of a pod after a sync acted on it, with no listing: the containers seen before and those the sync
     * started ({@code started}, by name), as they are now; those removed or never created are left out.
     */
    public ObservedPod reobserve(ObservedPod before, List<String> started) {
        Set<String> wanted = new LinkedHashSet<>();
        before.containers().forEach(c -> wanted.add(c.id()));
        wanted.addAll(started);
        Map<String, ObservedContainer> byId = new LinkedHashMap<>();
        for (String idOrName : wanted) {
            try {
                ContainerInfo info = runtime.inspect(idOrName);
                byId.putIfAbsent(info.id(), ObservedContainer.of(info));
            } catch (ContainerNotFoundException e) {
                // removed by the sync, or its create failed
            }
        }
        return new ObservedPod(List.copyOf(byId.values()));
    }

    /** The uids of every pod this node has containers of. */
    public Set<String> podUids() {
        Set<String> uids = new LinkedHashSet<>();
        runtime.list(PodLabels.ofNode(nodeName)).forEach(c -> {
            String uid = c.labels().get(PodLabels.POD_UID);
            if (uid != null) {
                uids.add(uid);
            }
        });
        looked.addAll(uids);
        nodeListed = true;
        return uids;
    }

    /** The pod is gone and so are its containers (its worker finished): a pod of that uid would be new. */
    public void forget(String uid) {
        looked.remove(uid);
    }
}
