package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.table.Age;
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

/**
 * {@code orc drain NODE}, as kubectl drains: cordon the node, then evict its pods through the eviction subresource
 * (so disruption budgets hold; a refused eviction is retried until {@code --timeout}) and wait until they are gone,
 * their controllers recreating them elsewhere. DaemonSet pods belong on every node, pods without a controller would
 * not come back and emptyDir data would be lost, so each stops the drain unless its flag allows it.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc drain node-1 --ignore-daemonsets", "  orc drain node-1 --ignore-daemonsets --delete-emptydir-data --timeout 10m"},
        name = "drain", description = "Cordon a node, then evict its pods so their controllers place them elsewhere.")
final class DrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "NODE", description = "The node's name.")
    String node;

    @Option(names = "--ignore-daemonsets", description = "Leave DaemonSet pods on the node instead of refusing to drain.")
    boolean ignoreDaemonSets;

    @Option(names = "--force", description = "Also evict pods that no controller manages (they are not recreated).")
    boolean force;

    @Option(names = "--delete-emptydir-data",
            description = "Also evict pods with emptyDir volumes (their data is deleted with them).")
    boolean deleteEmptyDirData;

    @Option(names = "--disable-eviction",
            description = "Delete the pods directly instead of evicting them: disruption budgets are not checked.")
    boolean disableEviction;

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "-1",
            description = "Seconds each pod gets to stop; -1 (default) uses the pod's own terminationGracePeriodSeconds.")
    long gracePeriod;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = ClientOptions.DurationConverter.class,
            description = "How long the whole drain may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        ApiClient api = client.client();
        long deadline = System.nanoTime() + timeout.toNanos();
        out.println(NodeCordon.set(api, node, true));
        List<DrainPod> pods = DrainPod.onNode(api, node);
        List<DrainPod> daemonSetPods = pods.stream().filter(DrainPod::daemonSet).toList();
        List<DrainPod> unmanaged = pods.stream().filter(DrainPod::unmanaged).toList();
        List<DrainPod> localStorage = pods.stream().filter(p -> p.emptyDir() && !p.daemonSet()).toList();
        List<String> refusals = new ArrayList<>();
        if (!daemonSetPods.isEmpty() && !ignoreDaemonSets) {
            refusals.add("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): "
                    + DrainPod.labels(daemonSetPods));
        }
        if (!unmanaged.isEmpty() && !force) {
            refusals.add("cannot delete Pods that declare no controller (use --force to override): "
                    + DrainPod.labels(unmanaged));
        }
        if (!localStorage.isEmpty() && !deleteEmptyDirData) {
            refusals.add("cannot delete Pods with local storage (use --delete-emptydir-data to override): "
                    + DrainPod.labels(localStorage));
        }
        if (!refusals.isEmpty()) {
            err.println("error: unable to drain node \"" + node + "\" (it stays cordoned): " + String.join("; ", refusals));
            return 1;
        }
        warn(err, "ignoring DaemonSet-managed Pods", daemonSetPods);
        warn(err, "deleting Pods that declare no controller", unmanaged);
        warn(err, "deleting Pods with local storage", localStorage);
        List<DrainPod> leaving = pods.stream().filter(p -> !p.daemonSet()).toList();
        DeleteOptions options = DeleteOptions.defaults().withGracePeriodSeconds(gracePeriod < 0 ? null : gracePeriod);
        Optional<String> blocked = new DrainEvictions(api, out, err, options, disableEviction)
                .run(leaving, timeout, deadline);
        if (blocked.isPresent()) {
            err.println("error: unable to drain node \"" + node + "\" (it stays cordoned): " + blocked.get());
            return 1;
        }
        List<DrainPod> waiting = new ArrayList<>(leaving);
        String gone = disableEviction ? " deleted" : " evicted";
        Optional<Boolean> left = Polling.until(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), () -> {
            waiting.removeIf(pod -> {
                if (!pod.stillThere(api)) {
                    out.println("pod/" + pod.name() + gone);
                    out.flush();
                    return true;
                }
                return false;
            });
            return waiting.isEmpty() ? Optional.of(true) : Optional.empty();
        });
        if (left.isEmpty()) {
            err.println("error: drain of node \"" + node + "\" did not finish within " + Age.format(timeout)
                    + "; pods still there: " + DrainPod.labels(waiting));
            return 1;
        }
        out.println("node/" + node + " drained");
        return 0;
    }

    private static void warn(PrintWriter err, String what, List<DrainPod> pods) {
        if (!pods.isEmpty()) {
            err.println("Warning: " + what + ": " + DrainPod.labels(pods));
        }
    }
}
