package dev.orc.cli.server;

import dev.orc.api.model.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code orc server}'s flags for running as one of several servers on an etcd cluster. */
public final class ClusterFlags {
    @CommandLine.Mixin
    EtcdFlags etcd;

    @Option(names = "--leader-lease", paramLabel = "DURATION", defaultValue = "4s",
            description = "How long a silent leader keeps leading before another server takes over (default: ${DEFAULT-VALUE}).")
    String leaderLease;

    @Option(names = "--etcd-compaction-interval", paramLabel = "DURATION", defaultValue = "5m",
            description = "How often the leader compacts etcd's history, keeping one interval of it; 0 never (default: ${DEFAULT-VALUE}).")
    String compactionInterval;

    public ClusterOptions options() {
        return etcd.options(Durations.parse(leaderLease),
                compactionInterval.equals("0") ? Duration.ZERO : Durations.parse(compactionInterval));
    }
}
