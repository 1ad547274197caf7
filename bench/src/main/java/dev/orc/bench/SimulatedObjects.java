package dev.orc.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Container;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeSpec;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.OwnerReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;

import java.util.List;
import java.util.Map;

/** The objects of the scheduler benchmark: roomy Ready nodes and small pods of a hundred owners. */
final class SimulatedObjects {
    private SimulatedObjects() {
    }

    static String nodeName(int i) {
        return String.format("sim-node-%05d", i);
    }

    /** A Node as an agent registers it; its Ready condition and capacity go in by a status write afterwards. */
    static ObjectNode node(int i) {
        String name = nodeName(i);
        Map<String, Quantity> allocatable = Map.of("cpu", Quantity.parse("16"), "memory", Quantity.parse("64Gi"),
                "pods", Quantity.of(110));
        NodeStatus status = new NodeStatus(allocatable, allocatable,
                List.of(Condition.of(NodeStatus.READY, Condition.TRUE, "KubeletReady", "simulated node is ready", null)),
                null, null, null, null);
        Node node = Node.of(ObjectMeta.named(name).withLabel("kubernetes.io/hostname", name),
                new NodeSpec(null, null, null, null, null), status);
        return (ObjectNode) Json.tree(node);
    }

    static ObjectNode namespace(String name) {
        ObjectNode namespace = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        namespace.putObject("metadata").put("name", name);
        return namespace;
    }

    /**
     * A pod requesting 100m cpu and 128Mi, owned by one of 100 ReplicaSets (so the scheduler spreads each
     * owner's pods). The owners exist only as references: no controller runs beside the scheduler.
     */
    static ObjectNode pod(String namespace, int i) {
        String owner = "app-" + (i % 100);
        ObjectMeta meta = ObjectMeta.of(namespace, "pod-" + i).withLabel("app", owner).withOwnerReferences(List.of(
                new OwnerReference("apps/v1", "ReplicaSet", owner, "00000000-0000-0000-0000-0000000" + (100 + i % 100), true, true)));
        Container container = Container.of("app", "orc/busybox:1").withResources(new ResourceRequirements(null,
                Map.of("cpu", Quantity.parse("100m"), "memory", Quantity.parse("128Mi"))));
        return (ObjectNode) Json.tree(Pod.of(meta, PodSpec.of(container)));
    }
}
