package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import picocli.CommandLine;

import java.util.List;

/** Sets a Deployment's {@code spec.paused}, for {@code rollout pause} and {@code rollout resume}. */
final class RolloutPause {
    private RolloutPause() {
    }

    static int set(CommandLine cmd, ClientOptions client, String target, boolean paused) {
        WorkloadArg workload = WorkloadArg.parse(cmd, target, List.of(ResourceTypes.DEPLOYMENT));
        ApiClient api = client.client();
        ObjectNode live = api.get(workload.type(), client.namespace(), workload.name());
        if (live.path("spec").path("paused").asBoolean(false) == paused) {
            cmd.getErr().println("error: " + workload.label() + " is " + (paused ? "already paused" : "not paused"));
            return 1;
        }
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("paused", paused);
        api.patch(workload.type(), client.namespace(), workload.name(), PatchType.MERGE, patch, WriteOptions.defaults());
        cmd.getOut().println(workload.label() + (paused ? " paused" : " resumed"));
        return 0;
    }
}
