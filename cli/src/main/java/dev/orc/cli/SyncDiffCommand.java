package dev.orc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apply.LastApplied;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Secret;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.cli.output.UnifiedDiff;
import dev.orc.cli.output.Yaml;
import dev.orc.reconciler.gitops.GitCredentials;
import dev.orc.reconciler.gitops.GitFetchException;
import dev.orc.reconciler.gitops.GitFetcher;
import dev.orc.reconciler.gitops.GitSnapshot;
import dev.orc.reconciler.gitops.GitSync;
import dev.orc.reconciler.gitops.GitTarget;
import dev.orc.reconciler.gitops.ManagedRef;
import dev.orc.reconciler.gitops.SecretCredentials;
import dev.orc.reconciler.gitops.SyncAction;
import dev.orc.reconciler.gitops.SyncPlan;
import dev.orc.reconciler.manager.ClientClusterOps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code orc sync diff SOURCE}: what the next sync would change. Fetches the source's ref as the controller does
 * (into a temporary clone), loads and validates every manifest, plans the sync against the live objects and
 * prints each change as a unified diff of the live object and the server's dry run of the change. Exit 1 when
 * there are differences (or errors), 0 when the cluster matches Git.
 */
@Command(name = "diff", description = "Show what the next sync of a GitSource would change, as a unified diff; "
        + "exit 1 when something would change.")
final class SyncDiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "SOURCE", description = "The GitSource.")
    String source;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = ClientOptions.DurationConverter.class,
            description = "How long the fetch of the repository may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();
        ApiClient api = client.client();
        ObjectNode gitSource = GitSources.resolve(api, client.namespace(), source).get(0);
        JsonNode sourceSpec = gitSource.path("spec");
        GitTarget target = target(sourceSpec);
        GitSnapshot snapshot;
        Path cache = Files.createTempDirectory("orc-sync-diff");
        try {
            snapshot = new GitFetcher(cache, timeout).fetch(target, credentials(api, sourceSpec, target));
        } catch (GitFetchException e) {
            err.println("error: cannot fetch " + target.describe() + ": " + e.getMessage());
            return 1;
        } finally {
            deleteTree(cache);
        }
        String namespace = gitSource.path("metadata").path("namespace").asText();
        String defaultNamespace = sourceSpec.path("targetNamespace").asText("").isEmpty() ? namespace
                : sourceSpec.path("targetNamespace").asText();
        GitSync sync = new GitSync(ManifestValidator.standard());
        GitSync.Desired desired = sync.load(snapshot, target.path(), defaultNamespace);
        String commit = GitSources.shortCommit(snapshot.commit());
        if (!desired.errors().isEmpty()) {
            err.println("error: commit " + commit + " cannot be synced: " + desired.errors().size() + " invalid document"
                    + (desired.errors().size() == 1 ? "" : "s"));
            desired.errors().forEach(e -> err.println("  " + e));
            return 1;
        }
        GitSync.SourceSettings settings = new GitSync.SourceSettings(GitSources.key(gitSource), defaultNamespace,
                sourceSpec.path("prune").asBoolean(true), snapshot.commit());
        ClientClusterOps cluster = new ClientClusterOps(api);
        SyncPlan plan = sync.plan(settings, desired.objects(), inventory(gitSource.path("status")), cluster);
        plan.conflicts().forEach(c -> err.println("error: " + c));
        boolean differs = !plan.conflicts().isEmpty();
        for (SyncAction action : plan.actions()) {
            if (action.type() == SyncAction.Type.UNCHANGED) {
                continue;
            }
            differs = true;
            try {
                String before = cluster.get(action.ref()).map(SyncDiffCommand::shown).orElse("");
                String after = action.type() == SyncAction.Type.PRUNE ? "" : shown(dryRun(api, action));
                String name = action.ref().toString();
                out.print(UnifiedDiff.diff("live/" + name, "git@" + commit + "/" + name, before, after));
            } catch (ApiException e) {
                err.println("error: " + action.ref() + " would be refused: " + e.getMessage());
            }
        }
        out.flush();
        return differs ? 1 : 0;
    }

    private static GitTarget target(JsonNode spec) {
        JsonNode ref = spec.path("ref");
        return new GitTarget(spec.path("url").asText(null), ref.path("branch").asText(null), ref.path("tag").asText(null),
                ref.path("commit").asText(null), spec.path("path").asText(null));
    }

    private Optional<GitCredentials> credentials(ApiClient api, JsonNode spec, GitTarget target) throws GitFetchException {
        String name = spec.path("secretRef").path("name").asText("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Secret secret = Json.convert(api.get(ResourceTypes.SECRET, client.namespace(), name), Secret.class);
        return Optional.of(SecretCredentials.read(secret, target));
    }

    private static Set<ManagedRef> inventory(JsonNode status) {
        Set<ManagedRef> refs = new LinkedHashSet<>();
        for (JsonNode entry : status.path("inventory")) {
            refs.add(new ManagedRef(entry.path("apiVersion").asText(), entry.path("kind").asText(),
                    entry.path("namespace").asText(""), entry.path("name").asText()));
        }
        return refs;
    }

    /** The object the server would store: its dry run of the create or patch. */
    private static ObjectNode dryRun(ApiClient api, SyncAction action) {
        ResourceType type = ResourceTypes.byApiVersionAndKind(action.ref().apiVersion(), action.ref().kind())
                .orElseThrow(() -> new ApiException(400, "BadRequest", "unknown kind " + action.ref().kind(), List.of()));
        String namespace = action.ref().namespace().isEmpty() ? null : action.ref().namespace();
        return action.type() == SyncAction.Type.CREATE
                ? api.create(type, namespace, action.desired(), WriteOptions.serverDryRun())
                : api.patch(type, namespace, action.ref().name(), PatchType.MERGE, action.patch(),
                WriteOptions.serverDryRun());
    }

    /** The object as YAML without what the server keeps for itself and what a sync never changes. */
    private static String shown(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            Stream.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields").forEach(metadata::remove);
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LastApplied.ANNOTATION);
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
        }
        return Yaml.write(copy);
    }

    /** Removes the temporary clone; what cannot be removed is left for the system's temp cleaning. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A file vanishing during the walk is no reason to fail a diff that already printed.
        }
    }
}
