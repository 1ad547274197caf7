package dev.orc.node.probe;

import dev.orc.api.model.Container;

/** What a probe runs against: one attempt of a container, reached at the pod's IP on the bridge. */
public record ProbeTarget(Container container, String containerId, String podIP) {
}
