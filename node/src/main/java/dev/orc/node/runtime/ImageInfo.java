package dev.orc.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * An image present on the node.
 *
 * @param user the user its config runs as ({@code name}, {@code uid} or {@code uid:gid}); empty for root, and in
 *             {@link ContainerRuntime#listImages}, which does not read it
 */
public record ImageInfo(String id, List<String> tags, Map<String, String> labels, long sizeBytes, String user) {
    public ImageInfo {
        tags = List.copyOf(tags);
        labels = Map.copyOf(labels);
        user = user == null ? "" : user;
    }
}
