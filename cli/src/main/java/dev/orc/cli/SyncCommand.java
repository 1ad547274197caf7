package dev.orc.cli;

import dev.orc.api.gitops.Ownership;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.api.table.Age;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code orc sync [SOURCE] [--wait] [--timeout D]}: asks the GitOps controller to sync a source now (every source
 * of the namespace without SOURCE); with {@code --wait}, waits for that sync and prints its result.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  # sync every GitSource of the namespace now", "  orc sync", "", "  # sync one and wait for the result", "  orc sync shop --wait --timeout 2m"},
        name = "sync", description = "Sync GitSources now, or inspect, diff, suspend or resume them.",
        subcommands = {
                SyncStatusCommand.class,
                SyncHistoryCommand.class,
                SyncDiffCommand.class,
                SyncSuspendCommand.class,
                SyncResumeCommand.class,
        })
final class SyncCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(arity = "0..1", paramLabel = "SOURCE", description = "The GitSource (default: every one in the namespace).")
    String source;

    @Option(names = "--wait", description = "Wait for the sync to finish, print its result, exit 1 when it failed.")
    boolean waitForResult;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = ClientOptions.DurationConverter.class,
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** A sync asked for: the source, when it was asked, and the lastSyncTime it had then. */
    private record Request(ObjectNode source, Instant at, String previousSyncTime) {
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        ApiClient api = client.client();
        int failures = 0;
        List<Request> requests = new ArrayList<>();
        for (ObjectNode gitSource : GitSources.resolve(api, client.namespace(), source)) {
            String name = gitSource.path("metadata").path("name").asText();
            if (gitSource.path("spec").path("suspend").asBoolean(false)) {
                cmd.getErr().println("error: " + GitSources.label(gitSource) + " is suspended; resume it with orc sync resume "
                        + name);
                failures++;
                continue;
            }
            Instant at = client.environment().clock().instant();
            ObjectNode patch = Json.object();
            patch.putObject("metadata").putObject("annotations").put(Ownership.SYNC_REQUEST_ANNOTATION, at.toString());
            api.patch(ResourceTypes.GIT_SOURCE, client.namespace(), name, PatchType.MERGE, patch, WriteOptions.defaults());
            out.println(GitSources.label(gitSource) + " sync requested");
            requests.add(new Request(gitSource, at, gitSource.path("status").path("lastSyncTime").asText("")));
        }
        out.flush();
        if (waitForResult) {
            for (Request request : requests) {
                failures += awaitResult(api, request, out) ? 0 : 1;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** Waits for a sync that started at or after the request (the status records its start in microseconds). */
    private boolean awaitResult(ApiClient api, Request request, PrintWriter out) throws InterruptedException {
        String name = request.source().path("metadata").path("name").asText();
        Instant asked = request.at().truncatedTo(ChronoUnit.MICROS);
        Optional<ObjectNode> done = Polling.until(timeout, () -> {
            ObjectNode live = api.get(ResourceTypes.GIT_SOURCE, client.namespace(), name);
            String syncTime = live.path("status").path("lastSyncTime").asText("");
            boolean after = !syncTime.isEmpty() && !syncTime.equals(request.previousSyncTime())
                    && !Timestamps.parse(syncTime).isBefore(asked);
            return after ? Optional.of(live) : Optional.empty();
        });
        if (done.isEmpty()) {
            spec.commandLine().getErr().println("error: timed out after " + Age.format(timeout) + " waiting for GitSource "
                    + GitSources.key(request.source()) + " to sync; is an orc server with its controllers running?");
            return false;
        }
        JsonNode status = done.get().path("status");
        String sync = status.path("sync").asText("Unknown");
        String commit = sync.equals(GitSourceStatus.FAILED) ? status.path("lastAttemptedCommit").asText("")
                : status.path("lastAppliedCommit").asText("");
        out.println(GitSources.label(done.get()) + ": " + sync + " at commit " + GitSources.shortCommit(commit)
                + " (" + status.path("health").asText("Unknown") + ")");
        String message = status.path("message").asText("");
        if (!message.isEmpty()) {
            out.println(message);
        }
        SyncReport.objects(status).forEach(out::println);
        out.flush();
        return !sync.equals(GitSourceStatus.FAILED);
    }
}
