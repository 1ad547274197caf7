package dev.orc.cli.server;

import dev.orc.api.model.Durations;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import picocli.CommandLine.Option;

/** How quickly the server gives up on a silent node, shared by {@code orc server} and {@code orc up}. */
final class NodeLifecycleOptions {
    @Option(names = "--node-grace-period", paramLabel = "DURATION",
            description = "How long a node may miss heartbeats before it is unreachable, e.g. 40s (default: 40s).")
    String gracePeriod;

    @Option(names = "--node-eviction-timeout", paramLabel = "DURATION",
            description = "How long pods stay on an unreachable or not-ready node unless they tolerate it longer, "
                    + "e.g. 3s (default: 3s).")
    String evictionTimeout;

    NodeLifecycleConfig config() {
        return new NodeLifecycleConfig(
                gracePeriod == null ? NodeLifecycleConfig.DEFAULT_GRACE_PERIOD : Durations.parse(gracePeriod),
                evictionTimeout == null ? NodeLifecycleConfig.DEFAULT_TOLERATION : Durations.parse(evictionTimeout));
    }
}
