package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.output.Age;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code orc drain NODE [--ignore-daemonsets] [--force] [--grace-period N] [--timeout D]}, as kubectl drains: cordon
 * the node, then delete its pods (each with its own grace period unless one is given) so their controllers
 * recreate them elsewhere, and wait until they are gone. DaemonSet pods belong on every node and pods without a
 * controller would not come back, so both stop the drain unless the flags allow them.
 */
@Command(name = "drain", description = "Cordon a node, then delete its pods so their controllers place them elsewhere.")
final class DrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "NODE", description = "The node's name.")
    String node;

    @Option(names = "--ignore-daemonsets", description = "Leave DaemonSet pods on the node instead of refusing to drain.")
    boolean ignoreDaemonSets;

    @Option(names = "--force", description = "Also delete pods that no controller manages (they are not recreated).")
    boolean force;

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "-1",
            description = "Seconds each pod gets to stop; -1 (default) uses the pod's own terminationGracePeriodSeconds.")
    long gracePeriod;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = ClientOptions.DurationConverter.class,
            description = "How long to wait for the pods to go (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** A pod on the node: its namespace, name and uid, and the kind of its controller (empty when none). */
    private record NodePod(String namespace, String name, String uid, String controllerKind) {
        String label() {
            return namespace + "/" + name;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        ApiClient api = client.client();
        out.println(NodeCordon.set(api, node, true));
        List<NodePod> pods = podsOnNode(api);
        List<NodePod> daemonSetPods = pods.stream().filter(p -> p.controllerKind().equals("DaemonSet")).toList();
        List<NodePod> unmanaged = pods.stream().filter(p -> p.controllerKind().isEmpty()).toList();
        List<String> refusals = new ArrayList<>();
        if (!daemonSetPods.isEmpty() && !ignoreDaemonSets) {
            refusals.add("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): " + labels(daemonSetPods));
        }
        if (!unmanaged.isEmpty() && !force) {
            refusals.add("cannot delete Pods that declare no controller (use --force to override): " + labels(unmanaged));
        }
        if (!refusals.isEmpty()) {
            err.println("error: unable to drain node \"" + node + "\" (it stays cordoned): " + String.join("; ", refusals));
            return 1;
        }
        if (!daemonSetPods.isEmpty()) {
            err.println("Warning: ignoring DaemonSet-managed Pods: " + labels(daemonSetPods));
        }
        if (!unmanaged.isEmpty()) {
            err.println("Warning: deleting Pods that declare no controller: " + labels(unmanaged));
        }
        List<NodePod> leaving = pods.stream().filter(p -> !p.controllerKind().equals("DaemonSet")).toList();
        DeleteOptions options = DeleteOptions.defaults().withGracePeriodSeconds(gracePeriod < 0 ? null : gracePeriod);
        for (NodePod pod : leaving) {
            out.println("deleting pod " + pod.label());
            try {
                api.delete(ResourceTypes.POD, pod.namespace(), pod.name(), options.withPreconditionUid(pod.uid()));
            } catch (ApiException e) {
                if (!e.isNotFound() && !e.isConflict()) {
                    throw e;
                }
            }
        }
        out.flush();
        List<NodePod> waiting = new ArrayList<>(leaving);
        Optional<Boolean> gone = Polling.until(timeout, () -> {
            waiting.removeIf(pod -> {
                if (!stillThere(api, pod)) {
                    out.println("pod/" + pod.name() + " deleted");
                    out.flush();
                    return true;
                }
                return false;
            });
            return waiting.isEmpty() ? Optional.of(true) : Optional.empty();
        });
        if (gone.isEmpty()) {
            err.println("error: drain of node \"" + node + "\" did not finish within " + Age.format(timeout)
                    + "; pods still there: " + labels(waiting));
            return 1;
        }
        out.println("node/" + node + " drained");
        return 0;
    }

    private List<NodePod> podsOnNode(ApiClient api) {
        List<NodePod> pods = new ArrayList<>();
        ListOptions onNode = ListOptions.fieldSelector("spec.nodeName=" + node);
        for (JsonNode pod : api.listAll(ResourceTypes.POD, null, onNode).path("items")) {
            JsonNode metadata = pod.path("metadata");
            String controller = "";
            for (JsonNode ref : metadata.path("ownerReferences")) {
                if (ref.path("controller").asBoolean(false)) {
                    controller = ref.path("kind").asText();
                }
            }
            pods.add(new NodePod(metadata.path("namespace").asText(), metadata.path("name").asText(),
                    metadata.path("uid").asText(), controller));
        }
        return pods;
    }

    private static boolean stillThere(ApiClient api, NodePod pod) {
        try {
            return api.get(ResourceTypes.POD, pod.namespace(), pod.name()).path("metadata").path("uid").asText().equals(pod.uid());
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    private static String labels(List<NodePod> pods) {
        return pods.stream().map(NodePod::label).collect(Collectors.joining(", "));
    }
}
