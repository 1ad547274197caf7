package dev.orc.cli;

import dev.orc.api.apps.DeploymentAnnotations;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Timestamps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc rollout restart deployment|daemonset/NAME}: a new rollout of the same template, as kubectl starts it. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc rollout restart deployment/web", "  orc rollout restart daemonset/agent"},
        name = "restart", description = "Replace every pod of a Deployment or DaemonSet through a rollout.")
final class RolloutRestartCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND/NAME", description = "deployment/NAME or daemonset/NAME.")
    String target;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        WorkloadArg workload = WorkloadArg.parse(cmd, target, List.of(ResourceTypes.DEPLOYMENT, ResourceTypes.DAEMON_SET));
        ApiClient api = client.client();
        ObjectNode live = api.get(workload.type(), client.namespace(), workload.name());
        if (live.path("spec").path("paused").asBoolean(false)) {
            cmd.getErr().println("error: " + workload.label() + " is paused; resume it first with orc rollout resume "
                    + workload.type().singular() + "/" + workload.name());
            return 1;
        }
        ObjectNode patch = Json.object();
        patch.putObject("spec").putObject("template").putObject("metadata").putObject("annotations")
                .put(DeploymentAnnotations.RESTARTED_AT, Timestamps.format(client.environment().clock().instant()));
        api.patch(workload.type(), client.namespace(), workload.name(), PatchType.MERGE, patch, WriteOptions.defaults());
        cmd.getOut().println(workload.label() + " restarted");
        return 0;
    }
}
