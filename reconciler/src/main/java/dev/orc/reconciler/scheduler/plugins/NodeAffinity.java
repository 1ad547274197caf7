package dev.orc.reconciler.scheduler.plugins;

import dev.orc.api.model.NodeSelector;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.PodSpec;
import dev.orc.reconciler.scheduler.framework.FilterPlugin;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.Status;

import java.util.Map;
import java.util.Optional;

/** A node must carry every label of the pod's {@code nodeSelector} and match its required node affinity. */
public final class NodeAffinity implements FilterPlugin {
    public static final String NAME = "NodeAffinity";
    public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        PodSpec spec = pod.spec();
        Optional<NodeSelector> required = spec.requiredNodeAffinity();
        if (spec.nodeSelector().isEmpty() && required.isEmpty()) {
            return Status.SUCCESS;
        }
        ObjectMeta meta = node.node().metadata();
        Map<String, String> labels = meta == null ? Map.of() : meta.labels();
        for (Map.Entry<String, String> wanted : spec.nodeSelector().entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return Status.unschedulable(NAME, REASON);
            }
        }
        if (required.isPresent() && !required.get().matches(labels, node.name())) {
            return Status.unschedulable(NAME, REASON);
        }
        return Status.SUCCESS;
    }
}
