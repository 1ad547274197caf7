package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc scale deployment|replicaset|statefulset/NAME --replicas N [--force]}, through the scale subresource. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc scale deployment/web --replicas 3", "  orc scale statefulset/db --replicas 0"},
        name = "scale", description = "Set the number of replicas of a Deployment, ReplicaSet or StatefulSet.")
final class ScaleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND/NAME", description = "deployment/NAME, replicaset/NAME or statefulset/NAME.")
    String target;

    @Option(names = "--replicas", required = true, paramLabel = "N", description = "The number of replicas wanted.")
    int replicas;

    @Option(names = "--force", description = "Scale even when a self-healing GitSource manages the object.")
    boolean force;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        WorkloadArg workload = WorkloadArg.parse(cmd, target, List.of(ResourceTypes.DEPLOYMENT, ResourceTypes.REPLICA_SET,
                ResourceTypes.STATEFUL_SET));
        if (replicas < 0) {
            throw new CommandLine.ParameterException(cmd, "--replicas must be 0 or more, got " + replicas);
        }
        ApiClient api = client.client();
        ObjectNode live = api.get(workload.type(), client.namespace(), workload.name());
        GitOpsGuard.check(api, workload.type(), live, force);
        api.scale(workload.type(), client.namespace(), workload.name(), replicas);
        cmd.getOut().println(workload.label() + " scaled");
        return 0;
    }
}
