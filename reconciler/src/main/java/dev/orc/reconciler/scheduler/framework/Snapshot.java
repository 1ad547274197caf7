package dev.orc.reconciler.scheduler.framework;

import java.util.List;
import java.util.Optional;

/** The cluster as one scheduling decision sees it: every node, with the pods bound or assumed on it. */
public interface Snapshot {
    /** The nodes, ordered by name. */
    List<NodeInfo> nodes();

    Optional<NodeInfo> node(String name);
}
