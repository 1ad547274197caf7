package dev.orc.reconciler.gitops;

import java.util.List;

/**
 * What a sync will do, in order, and the objects it must not touch: another source owns them, or nothing does and
 * their owner has not marked them for adoption.
 */
public record SyncPlan(List<SyncAction> actions, List<Conflict> conflicts) {
    /** An object of the commit the sync must leave alone, and why: {@code ConfigMap default/a is managed by ...}. */
    public record Conflict(ManagedRef ref, String reason) {
        @Override
        public String toString() {
            return ref + " " + reason;
        }
    }

    public SyncPlan {
        actions = List.copyOf(actions);
        conflicts = List.copyOf(conflicts);
    }

    public boolean changesSomething() {
        return actions.stream().anyMatch(a -> a.type() != SyncAction.Type.UNCHANGED);
    }
}
