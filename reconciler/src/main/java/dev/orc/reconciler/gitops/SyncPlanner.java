package dev.orc.reconciler.gitops;

import dev.orc.api.gitops.Ownership;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apply.LastApplied;
import dev.orc.api.apply.ThreeWayMerge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pure heart of a sync: from the objects Git wants, the live objects and the source's inventory, the
 * ordered actions that make the cluster match Git — dependencies first (Namespaces, then configuration,
 * then Services, then workloads), prunes last and in reverse — and the objects it must leave alone: those another
 * source owns, and those nobody manages that are not marked {@link Ownership#ADOPT_ANNOTATION} (never adopted, so
 * never pruned either).
 */
public final class SyncPlanner {
    private SyncPlanner() {
    }

    /**
     * @param source    {@code namespace/name} of the GitSource
     * @param desired   the manifests of the commit, namespaces already filled in
     * @param live      live objects by ref, for every desired ref and inventory ref that exists
     * @param inventory what the source managed after its last sync
     * @param commit    the commit being applied: an object pinned to it (by {@code orc rollout undo}) is left
     *                  alone, and a pin to any other commit is removed
     */
    public static SyncPlan plan(String source, List<ObjectNode> desired, Map<ManagedRef, ObjectNode> live,
                                Set<ManagedRef> inventory, boolean prune, String commit) {
        List<SyncAction> applies = new ArrayList<>();
        List<SyncPlan.Conflict> conflicts = new ArrayList<>();
        Set<ManagedRef> wanted = new HashSet<>();
        for (ObjectNode object : desired) {
            ObjectNode marked = object.deepCopy();
            Ownership.mark(marked, source);
            ObjectNode annotated = LastApplied.annotate(marked);
            ManagedRef ref = ManagedRef.of(annotated);
            wanted.add(ref);
            ObjectNode current = live.get(ref);
            if (current == null) {
                applies.add(new SyncAction(SyncAction.Type.CREATE, ref, annotated, null, null));
                continue;
            }
            Optional<String> owner = Ownership.owner(current);
            if (owner.isPresent() && !owner.get().equals(source)) {
                conflicts.add(new SyncPlan.Conflict(ref, "is managed by GitSource " + owner.get()));
                continue;
            }
            if (owner.isEmpty() && !Ownership.adoptable(current)) {
                conflicts.add(new SyncPlan.Conflict(ref, "already exists and no GitSource manages it: annotate it "
                        + Ownership.ADOPT_ANNOTATION + "=true to let GitSource " + source + " take it over"));
                continue;
            }
            Optional<String> pin = Ownership.pinnedCommit(current);
            if (pin.isPresent() && pin.get().equals(commit)) {
                applies.add(new SyncAction(SyncAction.Type.UNCHANGED, ref, annotated, null, current));
                continue;
            }
            JsonNode original = LastApplied.of(current).orElse(null);
            ObjectNode patch = ThreeWayMerge.patch(original, annotated, current);
            if (pin.isPresent()) {
                Ownership.unpin(patch);
            }
            applies.add(new SyncAction(patch.isEmpty() ? SyncAction.Type.UNCHANGED : SyncAction.Type.UPDATE, ref, annotated, patch,
                    current));
        }
        applies.sort(Comparator.comparingInt(a -> order(a.ref().kind())));
        List<SyncAction> prunes = new ArrayList<>();
        if (prune) {
            for (ManagedRef ref : inventory) {
                ObjectNode current = live.get(ref);
                if (!wanted.contains(ref) && current != null && Ownership.owner(current).filter(source::equals).isPresent()) {
                    prunes.add(new SyncAction(SyncAction.Type.PRUNE, ref, null, null, null));
                }
            }
            prunes.sort(Comparator.comparingInt((SyncAction a) -> order(a.ref().kind())).reversed()
                    .thenComparing(a -> a.ref().toString()));
        }
        List<SyncAction> all = new ArrayList<>(applies);
        all.addAll(prunes);
        return new SyncPlan(all, conflicts);
    }

    /** Apply order by kind: what others refer to goes first. */
    static int order(String kind) {
        return switch (kind) {
            case "Namespace" -> 0;
            case "ConfigMap", "Secret" -> 1;
            case "Service", "Endpoints" -> 2;
            case "Deployment", "ReplicaSet", "DaemonSet", "Job", "Pod" -> 3;
            case "GitSource" -> 4;
            default -> 5;
        };
    }
}
