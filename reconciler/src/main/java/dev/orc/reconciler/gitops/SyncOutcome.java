package dev.orc.reconciler.gitops;

import dev.orc.api.model.GitSourceStatus;

import java.util.List;

/**
 * The result of one sync attempt: whether it applied, the per-object results, the inventory afterwards
 * (everything the source now manages, including objects created before a failure) and every error.
 */
public record SyncOutcome(boolean succeeded, List<GitSourceStatus.ObjectResult> objects,
                          List<ManagedRef> inventory, List<String> errors) {
    public SyncOutcome {
        objects = List.copyOf(objects);
        inventory = List.copyOf(inventory);
        errors = List.copyOf(errors);
    }

    /** One message for status and events: the first errors, and how many more. */
    public String message() {
        if (errors.isEmpty()) {
            return "";
        }
        int shown = Math.min(errors.size(), 20);
        String listed = String.join("\n", errors.subList(0, shown));
        return errors.size() > shown ? listed + "\n... and " + (errors.size() - shown) + " more" : listed;
    }
}
