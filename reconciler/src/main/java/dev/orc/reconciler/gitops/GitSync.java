package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.manifest.Diagnostic;
import dev.orc.api.manifest.LoadResult;
import dev.orc.api.manifest.Manifest;
import dev.orc.api.manifest.ManifestCheck;
import dev.orc.api.manifest.ManifestParser;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.validation.ManifestValidator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * One all-or-nothing sync of a commit: every manifest is parsed and validated, then dry-run on the server;
 * only when all of them pass is anything applied, in dependency order, followed by the prune. An apply the
 * server still refuses stops the sync, and the inventory keeps everything created so far.
 */
public final class GitSync {
    static final int PARALLELISM = 8;

    private final ManifestValidator validator;

    public GitSync(ManifestValidator validator) {
        this.validator = validator;
    }

    /** What a source needs to sync: its {@code namespace/name}, default namespace, prune flag and the commit. */
    public record SourceSettings(String source, String defaultNamespace, boolean prune, String commit) {
    }

    /**
     * The objects of a snapshot with the manifest each came from (for file:line in messages), or every error that
     * keeps it from being applied.
     */
    public record Desired(List<ObjectNode> objects, Map<ManagedRef, Manifest> manifests, List<String> errors) {
        public Desired {
            objects = List.copyOf(objects);
            manifests = Map.copyOf(manifests);
            errors = List.copyOf(errors);
        }

        /** {@code file:line} of the object's {@code kind}, or the object itself when it is not in the commit. */
        String where(ManagedRef ref) {
            Manifest manifest = manifests.get(ref);
            return manifest == null ? ref.toString() : manifest.source() + ":" + manifest.positions().locate("kind").line();
        }
    }

    /** Parses and validates every file of the snapshot; errors name file:line:column, kind, name and field. */
    public Desired load(GitSnapshot snapshot, String pathPrefix, String defaultNamespace) {
        LoadResult loaded = new LoadResult(List.of(), List.of());
        for (Map.Entry<String, byte[]> file : snapshot.files().entrySet()) {
            String shown = pathPrefix.isEmpty() ? file.getKey() : pathPrefix + "/" + file.getKey();
            loaded = loaded.plus(ManifestParser.parse(shown, file.getValue()));
        }
        LoadResult checked = new ManifestCheck(validator::validate).check(loaded);
        List<String> errors = new ArrayList<>();
        for (Diagnostic diagnostic : checked.diagnostics()) {
            if (diagnostic.isError()) {
                errors.add(diagnostic.format());
            }
        }
        Map<ManagedRef, Manifest> seen = new HashMap<>();
        List<ObjectNode> objects = new ArrayList<>();
        for (Manifest manifest : checked.manifests()) {
            ObjectNode object = manifest.object().deepCopy();
            ResourceTypes.byApiVersionAndKind(manifest.apiVersion(), manifest.kind())
                    .filter(type -> type.namespaced())
                    .ifPresent(type -> {
                        ObjectNode metadata = (ObjectNode) object.path("metadata");
                        if (metadata.path("namespace").asText("").isEmpty()) {
                            metadata.put("namespace", defaultNamespace);
                        }
                    });
            ManagedRef ref = ManagedRef.of(object);
            Manifest earlier = seen.putIfAbsent(ref, manifest);
            if (earlier != null) {
                errors.add(manifest.source() + ":" + manifest.positions().locate("metadata.name") + ": " + manifest.subject()
                        + ": defined twice (also in " + earlier.source() + ")");
            }
            objects.add(object);
        }
        return new Desired(objects, seen, errors);
    }

    /**
     * Syncs validated objects as the source's {@code access} allows: first every object and every action is checked
     * against the source's rights (no request is sent for that), then all are dry-run, then all applied, then the
     * prune. A refusal, a conflict or an objection anywhere fails the whole sync before anything is written.
     */
    public SyncOutcome apply(SourceSettings settings, Desired desired, Set<ManagedRef> inventory, SourceAccess access) {
        List<String> refused = readRefusals(desired, inventory, access);
        if (!refused.isEmpty()) {
            return failed(inventory, refused);
        }
        SyncPlan plan = plan(settings, desired.objects(), inventory, access.cluster());
        List<String> errors = new ArrayList<>(refusals(desired, plan, access));
        if (!errors.isEmpty()) {
            return failed(inventory, errors);
        }
        plan.conflicts().forEach(conflict -> errors.add(desired.where(conflict.ref()) + ": " + conflict));
        List<SyncAction> writes = plan.actions().stream()
                .filter(a -> a.type() == SyncAction.Type.CREATE || a.type() == SyncAction.Type.UPDATE).toList();
        List<List<String>> objections = dryRunAll(writes, access.cluster());
        for (int i = 0; i < writes.size(); i++) {
            ManagedRef ref = writes.get(i).ref();
            objections.get(i).forEach(problem -> errors.add(desired.where(ref) + ": " + ref + ": " + problem));
        }
        if (!errors.isEmpty()) {
            return failed(inventory, errors);
        }
        return execute(plan, inventory, access.cluster());
    }

    /**
     * What the source may not do of the plan's writes, one line per refusal: {@code file:line: <403 message>} (a
     * prune, no longer in the commit, is named by its kind and name).
     */
    public List<String> refusals(Desired desired, SyncPlan plan, SourceAccess access) {
        List<String> refused = new ArrayList<>();
        for (SyncAction action : plan.actions()) {
            switch (action.type()) {
                case CREATE -> check(desired, access, "create", action.ref(), refused);
                case UPDATE -> check(desired, access, "patch", action.ref(), refused);
                case PRUNE -> check(desired, access, "delete", action.ref(), refused);
                case UNCHANGED -> {
                }
            }
        }
        return refused;
    }

    /** What the source may not read of the objects of the commit and of its inventory, which the plan reads first. */
    public List<String> readRefusals(Desired desired, Set<ManagedRef> inventory, SourceAccess access) {
        Set<ManagedRef> refs = new LinkedHashSet<>();
        desired.objects().forEach(object -> refs.add(ManagedRef.of(object)));
        refs.addAll(inventory);
        List<String> refused = new ArrayList<>();
        refs.forEach(ref -> check(desired, access, "get", ref, refused));
        return refused;
    }

    private static void check(Desired desired, SourceAccess access, String verb, ManagedRef ref, List<String> refused) {
        access.refusal(verb, ref).ifPresent(why -> refused.add(desired.where(ref) + ": " + why));
    }

    private static SyncOutcome failed(Set<ManagedRef> inventory, List<String> errors) {
        return new SyncOutcome(false, List.of(), List.copyOf(inventory), errors);
    }

    /**
     * The server's objections to each action, in the actions' order. Dry runs change nothing and do not depend
     * on each other, so they run side by side.
     */
    private static List<List<String>> dryRunAll(List<SyncAction> actions, ClusterOps cluster) {
        return inParallel(actions, cluster::dryRun);
    }

    /**
     * {@code work} applied to every item, at most {@link #PARALLELISM} at a time, results in the items' order.
     */
    private static <T, R> List<R> inParallel(List<T> items, java.util.function.Function<T, R> work) {
        if (items.size() < 2) {
            return items.stream().map(work).toList();
        }
        ThreadFactory threads = Thread.ofVirtual().name("gitsync-", 0).factory();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, threads)) {
            List<Future<R>> pending = items.stream().map(item -> pool.submit(() -> work.apply(item))).toList();
            List<R> results = new ArrayList<>();
            for (Future<R> future : pending) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the sync", e);
        }
    }

    /** What a sync of these objects would do now, against the live objects; changes nothing. */
    public SyncPlan plan(SourceSettings settings, List<ObjectNode> desired, Set<ManagedRef> inventory, ClusterOps cluster) {
        Map<ManagedRef, ObjectNode> live = new HashMap<>();
        Set<ManagedRef> refs = new LinkedHashSet<>(inventory);
        desired.forEach(object -> refs.add(ManagedRef.of(object)));
        for (ManagedRef ref : refs) {
            cluster.get(ref).ifPresent(object -> live.put(ref, object));
        }
        return SyncPlanner.plan(settings.source(), desired, live, inventory, settings.prune(), settings.commit());
    }

    /**
     * Performs the plan tier by tier (Namespaces, configuration, Services, workloads, then prunes): objects of
     * one tier do not depend on each other and are written side by side; a failure skips the later tiers.
     */
    private static SyncOutcome execute(SyncPlan plan, Set<ManagedRef> inventory, ClusterOps cluster) {
        Set<ManagedRef> managed = new LinkedHashSet<>(inventory);
        List<GitSourceStatus.ObjectResult> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (List<SyncAction> tier : tiers(plan.actions())) {
            if (!errors.isEmpty()) {
                tier.forEach(a -> results.add(result(a.ref(), a.verb(), "Skipped", "an earlier object failed")));
                continue;
            }
            List<String> failures = inParallel(tier, action -> perform(action, cluster));
            for (int i = 0; i < tier.size(); i++) {
                SyncAction action = tier.get(i);
                String failure = failures.get(i);
                if (failure == null) {
                    if (action.type() == SyncAction.Type.PRUNE) {
                        managed.remove(action.ref());
                    } else {
                        managed.add(action.ref());
                    }
                    results.add(result(action.ref(), action.verb(), "Succeeded", ""));
                } else {
                    errors.add(action.ref() + ": " + failure);
                    results.add(result(action.ref(), action.verb(), "Failed", failure));
                }
            }
        }
        return new SyncOutcome(errors.isEmpty(), results, List.copyOf(managed), errors);
    }

    /** Runs one action; null when it succeeded, else the server's refusal. */
    private static String perform(SyncAction action, ClusterOps cluster) {
        try {
            switch (action.type()) {
                case CREATE, UPDATE -> cluster.apply(action);
                case PRUNE -> cluster.delete(action.ref());
                case UNCHANGED -> {
                }
            }
            return null;
        } catch (ClusterOps.ApplyException e) {
            return e.getMessage();
        }
    }

    /** Consecutive actions of the same apply tier (prunes form tiers of their own). */
    private static List<List<SyncAction>> tiers(List<SyncAction> actions) {
        List<List<SyncAction>> tiers = new ArrayList<>();
        int current = Integer.MIN_VALUE;
        for (SyncAction action : actions) {
            int tier = SyncPlanner.order(action.ref().kind()) + (action.type() == SyncAction.Type.PRUNE ? 100 : 0);
            if (tier != current || tiers.isEmpty()) {
                tiers.add(new ArrayList<>());
                current = tier;
            }
            tiers.get(tiers.size() - 1).add(action);
        }
        return tiers;
    }

    private static GitSourceStatus.ObjectResult result(ManagedRef ref, String action, String result, String message) {
        return new GitSourceStatus.ObjectResult(ref.apiVersion(), ref.kind(), ref.namespace().isEmpty() ? null : ref.namespace(),
                ref.name(), action, result, message.isEmpty() ? null : message);
    }
}
