package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code orc rollout status deployment|daemonset|statefulset/NAME [--timeout D] [-w=false]}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc rollout status deployment/web", "  orc rollout status statefulset/db --timeout 10m"},
        name = "status", description = "Print the progress of a rollout until it finishes; exit 1 when it passes its "
        + "progress deadline or the timeout.")
final class RolloutStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND/NAME", description = "deployment/NAME, daemonset/NAME or statefulset/NAME.")
    String target;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = ClientOptions.DurationConverter.class,
            description = "How long to wait for the rollout, e.g. 30s, 10m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-w", "--watch"}, paramLabel = "BOOL", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Wait for the rollout to finish (default: ${DEFAULT-VALUE}); --watch=false prints the status once.")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        WorkloadArg workload = WorkloadArg.parse(cmd, target, List.of(ResourceTypes.DEPLOYMENT, ResourceTypes.DAEMON_SET,
                ResourceTypes.STATEFUL_SET));
        ApiClient api = client.client();
        String namespace = client.namespace();
        PrintWriter out = cmd.getOut();
        String[] lastLine = {null};
        Optional<RolloutProgress> end = Polling.until(watch ? timeout : Duration.ZERO, () -> {
            ObjectNode live = api.get(workload.type(), namespace, workload.name());
            RolloutProgress progress = RolloutProgress.of(workload.type(), live);
            if (progress.message() != null && !progress.message().equals(lastLine[0])) {
                out.println(progress.message());
                out.flush();
                lastLine[0] = progress.message();
            }
            return progress.done() || progress.failed() ? Optional.of(progress) : Optional.empty();
        });
        if (end.isPresent() && end.get().failed()) {
            cmd.getErr().println("error: " + end.get().error());
            return 1;
        }
        if (end.isEmpty() && watch) {
            cmd.getErr().println("error: timed out after " + dev.orc.api.table.Age.format(timeout)
                    + " waiting for the rollout of " + workload.label() + " to finish");
            return 1;
        }
        return 0;
    }
}
