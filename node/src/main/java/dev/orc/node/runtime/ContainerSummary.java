package dev.orc.node.runtime;

import java.time.Instant;
import java.util.Map;

/** A container as listed: enough to find it again and decide whether to inspect it. */
public record ContainerSummary(String id, String name, String image, Map<String, String> labels,
                               ContainerState state, Instant createdAt) {
    public ContainerSummary {
        labels = Map.copyOf(labels);
    }
}
