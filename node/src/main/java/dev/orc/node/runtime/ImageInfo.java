package dev.orc.node.runtime;

import java.util.List;
import java.util.Map;

/** An image present on the node. */
public record ImageInfo(String id, List<String> tags, Map<String, String> labels, long sizeBytes) {
    public ImageInfo {
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
    }
}
