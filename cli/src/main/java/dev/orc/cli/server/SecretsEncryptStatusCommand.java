package dev.orc.cli.server;

import dev.orc.reconciler.join.KeyRotation;
import dev.orc.reconciler.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code orc secrets-encrypt status}: the cluster's keys and which each running server holds. */
@Command(name = "status", description = "Show the cluster's encryption keys and which each running server holds.",
        footerHeading = "%nExamples:%n",
        footer = {"  ORC_CLUSTER_TOKEN=T orc secrets-encrypt status --store etcd://10.0.0.1:2379"})
final class SecretsEncryptStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterStoreOptions cluster;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Store store = cluster.open()) {
            KeyRotation.Status status = new KeyRotation(store, cluster.token(), Duration.ZERO, line -> { }).status();
            out.printf("keys: %s (new writes use %s; fingerprint %s)%n", String.join(", ", status.keys()), status.primary(),
                    status.fingerprint());
            out.printf("Secrets under older keys: %d%n", status.secretsNotUnderPrimary().size());
            if (!status.secretsUnencrypted().isEmpty()) {
                out.printf("Secrets stored unencrypted, which reads refuse (written past orc; remove them from the store): %s%n",
                        String.join(", ", status.secretsUnencrypted()));
            }
            out.printf("%-40s %s%n", "SERVER", "KEYS");
            for (Map.Entry<String, String> server : status.servers().entrySet()) {
                out.printf("%-40s %s%n", server.getKey(),
                        server.getValue().equals(status.fingerprint()) ? "current" : "other (" + server.getValue() + ")");
            }
            out.flush();
            return 0;
        }
    }
}
