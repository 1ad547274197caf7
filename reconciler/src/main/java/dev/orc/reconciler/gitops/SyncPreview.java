package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.model.Secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the next sync of a GitSource would change, with nothing changed: fetches its ref as the controller does (into
 * a scratch clone, removed afterwards), loads and validates every manifest, plans the sync against the live objects
 * and asks the API for a dry run of each create and update, all as the source's identity ({@link SourceAccesses}): what
 * it may not do is listed among the errors with file:line, as a sync would fail on it. The answer is a {@code SyncPreview} document:
 * <pre>
 * commit, errors (a failed fetch, invalid documents with file:line), conflicts,
 * changes: [{action: Create|Update|Prune, apiVersion, kind, namespace, name, live?, desired?, refused?}]
 * </pre>
 * where {@code live} is the object as stored and {@code desired} as the server would store it. Secret values are
 * masked in both, as {@code kubectl diff} masks them.
 */
public final class SyncPreview {
    private final ApiClient client;
    private final GitSync sync;
    private final SourceAccesses accesses;

    public SyncPreview(ApiClient client, GitSync sync, SourceAccesses accesses) {
        this.client = client;
        this.sync = sync;
        this.accesses = accesses;
    }

    public ObjectNode of(GitSource source, Duration fetchTimeout) {
        ObjectNode preview = Json.object().put("apiVersion", "orc.dev/v1").put("kind", "SyncPreview");
        preview.put("source", source.metadata().namespace() + "/" + source.metadata().name());
        ArrayNode errors = preview.putArray("errors");
        ArrayNode conflicts = preview.putArray("conflicts");
        ArrayNode changes = preview.putArray("changes");
        GitTarget target = SourceSpecs.target(source);
        GitSnapshot snapshot;
        try {
            snapshot = fetch(source, target, fetchTimeout);
        } catch (GitFetchException | IllegalArgumentException e) {
            errors.add("cannot fetch " + target.describe() + ": " + e.getMessage());
            return preview;
        }
        preview.put("commit", snapshot.commit());
        GitSync.Desired desired = sync.load(snapshot, target.path(), SourceSpecs.defaultNamespace(source));
        desired.errors().forEach(errors::add);
        if (!desired.errors().isEmpty()) {
            return preview;
        }
        SourceAccess access = accesses.of(source);
        ClusterOps cluster = access.cluster();
        GitSourceStatus status = source.status() == null ? GitSourceStatus.empty() : source.status();
        List<String> refused = sync.readRefusals(desired, SyncStatus.inventory(status), access);
        refused.forEach(errors::add);
        if (!refused.isEmpty()) {
            return preview;
        }
        SyncPlan plan = sync.plan(SourceSpecs.settings(source, snapshot.commit()), desired.objects(),
                SyncStatus.inventory(status), cluster);
        sync.refusals(desired, plan, access).forEach(errors::add);
        plan.conflicts().forEach(conflict -> conflicts.add(conflict.toString()));
        for (SyncAction action : plan.actions()) {
            if (action.type() != SyncAction.Type.UNCHANGED) {
                changes.add(change(cluster, action));
            }
        }
        return preview;
    }

    private GitSnapshot fetch(GitSource source, GitTarget target, Duration timeout) throws GitFetchException {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("orc-sync-preview");
        } catch (IOException e) {
            throw new GitFetchException("cannot create a scratch directory for the clone: " + e.getMessage());
        }
        try {
            return new GitFetcher(scratch, timeout, accesses.policy().allowFileUrls()).fetch(
                    source.metadata().namespace() + "/" + source.metadata().name(), target,
                    SourceSpecs.credentials(source, target, this::secret));
        } finally {
            deleteTree(scratch);
        }
    }

    private Optional<Secret> secret(String namespace, String name) {
        return client.find(ResourceTypes.SECRET, namespace, name).map(found -> Json.convert(found, Secret.class));
    }

    private static ObjectNode change(ClusterOps cluster, SyncAction action) {
        ObjectNode change = Json.object().put("action", switch (action.type()) {
            case CREATE -> "Create";
            case UPDATE -> "Update";
            case PRUNE, UNCHANGED -> "Prune";
        });
        change.put("apiVersion", action.ref().apiVersion()).put("kind", action.ref().kind())
                .put("namespace", action.ref().namespace()).put("name", action.ref().name());
        ObjectNode live = cluster.get(action.ref()).orElse(null);
        ObjectNode desired = null;
        if (action.type() != SyncAction.Type.PRUNE) {
            try {
                desired = cluster.wouldStore(action);
            } catch (ClusterOps.ApplyException e) {
                change.put("refused", e.getMessage());
            }
        }
        if ("Secret".equals(action.ref().kind()) && "v1".equals(action.ref().apiVersion())) {
            SecretMask.mask(live, desired);
        }
        if (live != null) {
            change.set("live", live);
        }
        if (desired != null) {
            change.set("desired", desired);
        }
        return change;
    }

    /** Removes the scratch clone; what cannot be removed is left for the system's temporary-file cleaning. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a file vanishing during the walk leaves nothing worth failing the preview for
        }
    }
}
