package dev.orc.cli.server;

import dev.orc.api.model.Durations;
import dev.orc.reconciler.join.KeyRotation;
import dev.orc.reconciler.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code orc secrets-encrypt rotate-keys}: a new key on every running server, every Secret under it, old keys gone. */
@Command(name = "rotate-keys", description = "Add a new encryption key on every running server, rewrite every Secret "
        + "under it and retire the old keys, waiting for every server at each step.",
        footerHeading = "%nExamples:%n",
        footer = {"  ORC_CLUSTER_TOKEN=T orc secrets-encrypt rotate-keys --store etcd://10.0.0.1:2379,10.0.0.2:2379",
                "", "  # give slow servers longer to take up each step",
                "  ORC_CLUSTER_TOKEN=T orc secrets-encrypt rotate-keys --store etcd://10.0.0.1:2379 --step-timeout 2m"})
final class SecretsEncryptRotateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterStoreOptions cluster;

    @Option(names = "--step-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long every running server has to take up each step (default: ${DEFAULT-VALUE}).")
    String stepTimeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = cluster.open()) {
            KeyRotation rotation = new KeyRotation(store, cluster.token(), Durations.parse(stepTimeout), line -> {
                out.println(line);
                out.flush();
            });
            KeyRotation.Report report = rotation.rotate();
            out.printf("rotated: Secrets are encrypted with %s on %d servers; %s retired%n", report.newKey(),
                    report.servers().size(), String.join(", ", report.retired()));
            out.flush();
            return 0;
        }
    }
}
