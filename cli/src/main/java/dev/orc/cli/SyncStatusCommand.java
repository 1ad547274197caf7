package dev.orc.cli;

import dev.orc.api.gitops.Ownership;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.gitops.UrlCredentials;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSourceStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code orc sync status [SOURCE]}: for each source its commit, sync state, health and message, what it waits for,
 * the objects an {@code orc rollout undo} pinned, and what the last sync did to each object.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc sync status", "  orc sync status shop -n apps"},
        name = "status", description = "Show the commit, sync state, health and objects of GitSources.")
final class SyncStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(arity = "0..1", paramLabel = "SOURCE", description = "The GitSource (default: every one in the namespace).")
    String source;

    @Override
    public Integer call() {
        ApiClient api = client.client();
        PrintWriter out = spec.commandLine().getOut();
        boolean first = true;
        for (ObjectNode gitSource : GitSources.resolve(api, client.namespace(), source)) {
            if (!first) {
                out.println();
            }
            first = false;
            print(api, gitSource, out);
        }
        return 0;
    }

    private void print(ApiClient api, ObjectNode gitSource, PrintWriter out) {
        JsonNode spec = gitSource.path("spec");
        JsonNode status = gitSource.path("status");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("GitSource:", GitSources.key(gitSource)));
        rows.add(List.of("Repository:", where(spec)));
        String applied = status.path("lastAppliedCommit").asText("");
        String attempted = status.path("lastAttemptedCommit").asText("");
        String commit = GitSources.shortCommit(applied);
        if (!attempted.isEmpty() && !attempted.equals(applied)) {
            commit += " (last attempted: " + GitSources.shortCommit(attempted) + ")";
        }
        rows.add(List.of("Commit:", commit));
        rows.add(List.of("Sync:", status.path("sync").asText("Unknown")));
        rows.add(List.of("Health:", status.path("health").asText("Unknown")));
        rows.add(List.of("Self-heal:", spec.path("selfHeal").asBoolean(true) ? "on" : "off"));
        if (spec.path("suspend").asBoolean(false)) {
            rows.add(List.of("Suspended:", "yes, no syncs until orc sync resume " + gitSource.path("metadata").path("name").asText()));
        }
        String lastSync = status.path("lastSyncTime").asText("");
        rows.add(List.of("Last sync:", lastSync.isEmpty() ? "<never>" : lastSync));
        String message = status.path("message").asText("");
        if (!message.isEmpty()) {
            rows.add(List.of("Message:", message));
        }
        waitingFor(api, gitSource).forEach(w -> rows.add(List.of("Waiting for:", w)));
        pins(api, gitSource).forEach(p -> rows.add(List.of("Pinned:", p)));
        SyncReport.fields(rows).forEach(out::println);
        List<String> objects = SyncReport.objects(status);
        if (!objects.isEmpty()) {
            out.println();
            objects.forEach(out::println);
        }
    }

    private static String where(JsonNode spec) {
        JsonNode ref = spec.path("ref");
        String at = ref.hasNonNull("branch") ? "branch " + ref.path("branch").asText()
                : ref.hasNonNull("tag") ? "tag " + ref.path("tag").asText()
                : ref.hasNonNull("commit") ? "commit " + ref.path("commit").asText() : "HEAD";
        String path = spec.path("path").asText("");
        return UrlCredentials.redact(spec.path("url").asText()) + " (" + at + (path.isEmpty() ? "" : ", path " + path) + ")";
    }

    /** The dependencies ({@code spec.dependsOn}) that are not yet Synced and Healthy. */
    private static List<String> waitingFor(ApiClient api, ObjectNode gitSource) {
        List<String> waiting = new ArrayList<>();
        String ownNamespace = gitSource.path("metadata").path("namespace").asText();
        for (JsonNode dependency : gitSource.path("spec").path("dependsOn")) {
            String namespace = dependency.path("namespace").asText("").isEmpty() ? ownNamespace
                    : dependency.path("namespace").asText();
            String name = dependency.path("name").asText();
            String key = "GitSource " + namespace + "/" + name;
            Optional<ObjectNode> other = find(api, namespace, name);
            if (other.isEmpty()) {
                waiting.add(key + " (not found)");
                continue;
            }
            String sync = other.get().path("status").path("sync").asText("Unknown");
            String health = other.get().path("status").path("health").asText("Unknown");
            if (!sync.equals(GitSourceStatus.SYNCED) || !health.equals(GitSourceStatus.HEALTHY)) {
                waiting.add(key + " (" + sync + ", " + health + ")");
            }
        }
        return waiting;
    }

    /** The Deployments of this source that {@code orc rollout undo} pinned, with their commit. */
    private static List<String> pins(ApiClient api, ObjectNode gitSource) {
        String key = GitSources.key(gitSource);
        ListOptions managed = ListOptions.labelSelector(Ownership.MANAGED_BY_LABEL + "=" + Ownership.MANAGED_BY_VALUE);
        List<String> pins = new ArrayList<>();
        for (JsonNode deployment : api.listAll(ResourceTypes.DEPLOYMENT, null, managed).path("items")) {
            if (Ownership.owner(deployment).filter(key::equals).isEmpty()) {
                continue;
            }
            Ownership.pinnedCommit(deployment).ifPresent(commit -> pins.add("Deployment "
                    + deployment.path("metadata").path("namespace").asText() + "/" + deployment.path("metadata").path("name").asText()
                    + " at commit " + GitSources.shortCommit(commit) + " (orc rollout undo; until a new commit reaches the source)"));
        }
        return pins;
    }

    private static Optional<ObjectNode> find(ApiClient api, String namespace, String name) {
        try {
            return Optional.of(api.get(ResourceTypes.GIT_SOURCE, namespace, name));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
