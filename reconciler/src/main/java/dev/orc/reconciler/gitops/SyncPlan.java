package dev.orc.reconciler.gitops;

import java.util.List;

/** What a sync will do, in order, and the objects it must not touch because another source owns them. */
public record SyncPlan(List<SyncAction> actions, List<String> conflicts) {
    public SyncPlan {
        actions = List.copyOf(actions);
        conflicts = List.copyOf(conflicts);
    }

    public boolean changesSomething() {
        return actions.stream().anyMatch(a -> a.type() != SyncAction.Type.UNCHANGED);
    }
}
