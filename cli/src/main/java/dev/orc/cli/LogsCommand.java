package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.LogOptions;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.LabelSelector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** {@code orc logs POD | TYPE/NAME [-c C] [-f] [--tail N] [--previous] [--since 5m] [--timestamps]}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc logs web-1", "  orc logs web-1 -c sidecar --previous", "  orc logs deployment/web -f --tail 20", "  orc logs job/migrate --since 10m --timestamps"},
        name = "logs", description = "Print the log of a container in a pod (or in a pod of a deployment, replicaset, daemonset or job).")
final class LogsCommand implements Callable<Integer> {
    private static final Duration FOLLOW_CHECK = Duration.ofSeconds(1);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "POD|TYPE/NAME", description = "A pod name, or deploy/NAME, rs/NAME, ds/NAME, job/NAME, pod/NAME.")
    String target;

    @Option(names = {"-c", "--container"}, description = "The container (default: the pod's only one).")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the container ends or Ctrl-C.")
    boolean follow;

    @Option(names = "--tail", defaultValue = "-1", description = "Only the last N lines (default: all).")
    long tail;

    @Option(names = {"-p", "--previous"}, description = "The log of the previous instance of a restarted container.")
    boolean previous;

    @Option(names = "--since", paramLabel = "DURATION", converter = ClientOptions.DurationConverter.class,
            description = "Only lines newer than this, e.g. 30s, 5m, 1h.")
    Duration since;

    @Option(names = "--timestamps", description = "Prefix each line with its RFC 3339 timestamp.")
    boolean timestamps;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        if (tail < -1) {
            throw new CommandLine.ParameterException(cmd, "--tail must be -1 (all) or a number of lines, got " + tail);
        }
        ApiClient api = client.client();
        String namespace = client.namespace();
        String pod = podName(cmd, api, namespace);
        LogOptions options = LogOptions.defaults().withContainer(container).withPrevious(previous)
                .withTimestamps(timestamps).withTailLines(Math.max(tail, 0))
                .withSinceSeconds(since == null ? 0 : Math.max(1, since.toSeconds()));
        PrintWriter out = cmd.getOut();
        if (!follow) {
            out.print(api.log(namespace, pod, options));
            out.flush();
            return 0;
        }
        AtomicReference<ApiException> failure = new AtomicReference<>();
        WatchHandle handle = api.followLog(namespace, pod, options, line -> {
            out.println(line);
            out.flush();
        }, failure::set);
        while (!handle.awaitClosed(FOLLOW_CHECK)) {
            out.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return 0;
    }

    /** The pod named, or the first running pod of the workload named as TYPE/NAME (kubectl picks the same way). */
    private String podName(CommandLine cmd, ApiClient api, String namespace) {
        int slash = target.indexOf('/');
        if (slash < 0) {
            return target;
        }
        String kind = target.substring(0, slash);
        String name = target.substring(slash + 1);
        ResourceType type = ResourceTypes.byCliName(kind).orElseThrow(() -> new CommandLine.ParameterException(cmd,
                "unknown resource type \"" + kind + "\" in " + target));
        if (type == ResourceTypes.POD) {
            return name;
        }
        if (type != ResourceTypes.DEPLOYMENT && type != ResourceTypes.REPLICA_SET && type != ResourceTypes.DAEMON_SET
                && type != ResourceTypes.JOB) {
            throw new CommandLine.ParameterException(cmd, "cannot show logs of a " + type.singular()
                    + "; use a pod, deployment, replicaset, daemonset or job");
        }
        ObjectNode owner = api.get(type, namespace, name);
        JsonNode selectorNode = owner.path("spec").path("selector");
        String selector = selectorNode.isObject() ? Json.convert(selectorNode, LabelSelector.class).toString()
                : "job-name=" + name;
        ObjectNode pods = api.listAll(ResourceTypes.POD, namespace, ListOptions.labelSelector(selector));
        List<JsonNode> candidates = new ArrayList<>();
        pods.path("items").forEach(candidates::add);
        candidates.sort(Comparator.comparing((JsonNode p) -> !"Running".equals(p.path("status").path("phase").asText()))
                .thenComparing(p -> p.path("metadata").path("name").asText()));
        if (candidates.isEmpty()) {
            throw new IllegalStateException(type.singular() + " \"" + name + "\" has no pods");
        }
        return candidates.get(0).path("metadata").path("name").asText();
    }
}
