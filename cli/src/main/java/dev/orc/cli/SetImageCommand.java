package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code orc set image deployment/NAME CONTAINER=IMAGE... [--force]}; {@code *=IMAGE} sets every container. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc set image deployment/web web=nginx:1.27", "  orc set image deployment/web web=nginx:1.27 sidecar=envoy:1.30 --force"},
        name = "image", description = "Set the image of containers of a workload's pod template, which starts a rollout.")
final class SetImageCommand implements Callable<Integer> {
    private static final int MAX_ATTEMPTS = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "KIND/NAME", description = "deployment/NAME, daemonset/NAME or replicaset/NAME.")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CONTAINER=IMAGE",
            description = "The container and its new image; * for every container.")
    List<String> images;

    @Option(names = "--force", description = "Change the image even when a self-healing GitSource manages the object.")
    boolean force;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        WorkloadArg workload = WorkloadArg.parse(cmd, target,
                List.of(ResourceTypes.DEPLOYMENT, ResourceTypes.DAEMON_SET, ResourceTypes.REPLICA_SET));
        Map<String, String> wanted = parse(cmd);
        ApiClient api = client.client();
        for (int attempt = 1; ; attempt++) {
            try {
                return setImages(cmd, api, workload, wanted);
            } catch (ApiException e) {
                if (!e.isConflict() || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** One read-modify-write of the workload; a controller writing it in between makes the server answer 409. */
    private int setImages(CommandLine cmd, ApiClient api, WorkloadArg workload, Map<String, String> wanted) {
        ObjectNode live = api.get(workload.type(), client.namespace(), workload.name());
        GitOpsGuard.check(api, workload.type(), live, force);
        ObjectNode updated = live.deepCopy();
        JsonNode podSpec = updated.path("spec").path("template").path("spec");
        boolean changed = false;
        for (Map.Entry<String, String> entry : wanted.entrySet()) {
            boolean found = false;
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode container : podSpec.path(list)) {
                    if (entry.getKey().equals("*") || container.path("name").asText().equals(entry.getKey())) {
                        found = true;
                        changed |= !container.path("image").asText().equals(entry.getValue());
                        ((ObjectNode) container).put("image", entry.getValue());
                    }
                }
            }
            if (!found) {
                cmd.getErr().println("error: " + workload.label() + " has no container named \"" + entry.getKey() + "\"");
                return 1;
            }
        }
        if (!changed) {
            cmd.getOut().println(workload.label() + " image unchanged");
            return 0;
        }
        api.update(workload.type(), client.namespace(), updated, WriteOptions.defaults());
        cmd.getOut().println(workload.label() + " image updated");
        return 0;
    }

    private Map<String, String> parse(CommandLine cmd) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String pair : images) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new CommandLine.ParameterException(cmd, "\"" + pair + "\": give CONTAINER=IMAGE, e.g. web=nginx:1.27");
            }
            wanted.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return wanted;
    }
}
