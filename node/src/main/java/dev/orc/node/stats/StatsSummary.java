package dev.orc.node.stats;

import java.util.List;

/**
 * What {@code GET /stats/summary} on a node answers: the node's CPU and memory use and each pod's, by
 * container. CPU is in nanocores (a billionth of a core) averaged since the previous sample; memory in bytes.
 */
public record StatsSummary(NodeUsage node, List<PodUsage> pods) {

    public StatsSummary {
        pods = List.copyOf(pods);
    }

    public record NodeUsage(String name, long cpuNanoCores, long memoryBytes, long memoryCapacityBytes, int cpuCapacityCores) {
    }

    public record PodUsage(String namespace, String name, List<ContainerUsage> containers) {
        public PodUsage {
            containers = List.copyOf(containers);
        }
    }

    public record ContainerUsage(String name, long cpuNanoCores, long memoryBytes) {
    }
}
