package dev.orc.node;

import dev.orc.api.model.Condition;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeSpec;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.Timestamps;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.RuntimeVersion;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Node object an agent registers: identity, resources, addresses, runtime, images, Ready. */
public final class NodeObjects {

    private NodeObjects() {
    }

    public static Node node(NodeConfig config, HostFacts host, RuntimeVersion runtime, List<ImageInfo> images,
                            int logPort, String orcVersion, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", config.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", arch(runtime.arch()));
        labels.putAll(config.labels());
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", config.cpu().orElse(Quantity.of(host.cores())));
        resources.put("memory", config.memory().orElse(Quantity.ofBytes(host.memoryBytes())));
        resources.put("pods", Quantity.of(config.maxPods()));
        String address = config.address().orElse(host.address());
        String time = Timestamps.format(now);
        Condition ready = new Condition(NodeStatus.READY, Condition.TRUE, null, null, time, null, time,
                "KubeletReady", "orc node agent is posting ready status");
        NodeStatus status = new NodeStatus(resources, resources, List.of(ready),
                List.of(new NodeStatus.Address(NodeStatus.INTERNAL_IP, address),
                        new NodeStatus.Address(NodeStatus.HOSTNAME, config.name())),
                new NodeStatus.DaemonEndpoints(new NodeStatus.Endpoint(logPort)),
                new NodeStatus.SystemInfo(null, null, null, runtime.kernelVersion(), runtime.os(),
                        runtime.runtimeVersionUri(), orcVersion, orcVersion, "linux", arch(runtime.arch())),
                images.stream().filter(i -> !i.tags().isEmpty())
                        .map(i -> new NodeStatus.Image(i.tags(), i.sizeBytes())).toList());
        return Node.of(ObjectMeta.named(config.name()).withLabels(labels),
                new NodeSpec(null, null, null, null, config.taints()), status);
    }

    private static String arch(String arch) {
        return switch (arch == null ? "" : arch) {
            case "x86_64", "" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
