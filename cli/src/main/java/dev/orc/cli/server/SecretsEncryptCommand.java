package dev.orc.cli.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code orc secrets-encrypt}: the encryption keys of a cluster of servers sharing a cluster token, as
 * {@code k3s secrets-encrypt} has them; run where the servers' etcd and token are at hand.
 */
@Command(name = "secrets-encrypt", description = "Show or rotate the keys that encrypt Secrets on every server of a cluster.",
        footerHeading = "%nExamples:%n",
        footer = {"  # which keys the cluster has, and which each running server holds",
                "  ORC_CLUSTER_TOKEN=T orc secrets-encrypt status --store etcd://10.0.0.1:2379", "",
                "  # a new key on every running server, every Secret rewritten under it, the old keys retired",
                "  ORC_CLUSTER_TOKEN=T orc secrets-encrypt rotate-keys --store etcd://10.0.0.1:2379"},
        subcommands = {SecretsEncryptStatusCommand.class, SecretsEncryptRotateCommand.class})
public final class SecretsEncryptCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: status or rotate-keys");
    }
}
