package dev.orc.reconciler.gitops;

import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How a sync's outcome reads in a GitSource's status: commits, result, inventory, objects and history. */
final class SyncStatus {
    static final int HISTORY_LIMIT = 20;

    private SyncStatus() {
    }

    static Set<ManagedRef> inventory(GitSourceStatus status) {
        Set<ManagedRef> refs = new LinkedHashSet<>();
        for (GitSourceStatus.InventoryEntry entry : status.inventory()) {
            refs.add(new ManagedRef(entry.apiVersion(), entry.kind(), entry.namespace() == null ? "" : entry.namespace(), entry.name()));
        }
        return refs;
    }

    static GitSourceStatus after(GitSourceStatus before, GitSnapshot snapshot, SyncOutcome outcome, Health health,
                                 Instant started, Instant finished) {
        List<GitSourceStatus.InventoryEntry> inventory = outcome.inventory().stream()
                .map(ref -> new GitSourceStatus.InventoryEntry(ref.apiVersion(), ref.kind(),
                        ref.namespace().isEmpty() ? null : ref.namespace(), ref.name()))
                .toList();
        String result = outcome.succeeded() ? "Succeeded" : "Failed";
        GitSourceStatus.SyncRecord record = new GitSourceStatus.SyncRecord(snapshot.commit(), snapshot.author(),
                snapshot.subject(), Timestamps.format(started), result, format(Duration.between(started, finished)));
        String appliedCommit = outcome.succeeded() ? snapshot.commit() : before.lastAppliedCommit();
        String message = outcome.succeeded() ? health.message() : outcome.message();
        return before.withCommits(snapshot.commit(), appliedCommit)
                .withSync(outcome.succeeded() ? GitSourceStatus.SYNCED : GitSourceStatus.FAILED, health.status(), message)
                .withResults(Timestamps.formatMicros(started), inventory, outcome.objects())
                .withHistory(record, HISTORY_LIMIT);
    }

    /**
     * A sync that found the commit already applied, for the same generation of the source, and had nothing to change:
     * an unrequested poll of it is no news, so it records no history, no event and no status beyond a change of
     * health. Otherwise a source at rest would rewrite itself, and add the same line to its history, at every
     * interval. A sync someone asked for still records its time (which {@code orc sync --wait} waits for) and a
     * Synced event.
     */
    static boolean repeatsTheLastSync(GitSourceStatus before, GitSnapshot snapshot, SyncOutcome outcome, Long generation) {
        return outcome.succeeded() && GitSourceStatus.SYNCED.equals(before.sync())
                && snapshot.commit().equals(before.lastAppliedCommit())
                && Objects.equals(generation, before.observedGeneration())
                && outcome.objects().stream().allMatch(o -> "unchanged".equals(o.action()));
    }

    /** {@code created 2, configured 1, unchanged 5}. */
    static String counts(SyncOutcome outcome) {
        Map<String, Long> counts = outcome.objects().stream()
                .collect(Collectors.groupingBy(GitSourceStatus.ObjectResult::action, TreeMap::new, Collectors.counting()));
        return counts.isEmpty() ? "nothing to do" : counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** {@code Deployment default/web would be configured, ...}. */
    static String drift(SyncPlan plan) {
        return plan.actions().stream()
                .filter(a -> a.type() != SyncAction.Type.UNCHANGED)
                .map(a -> a.ref() + " would be " + a.verb())
                .collect(Collectors.joining(", "));
    }

    private static String format(Duration duration) {
        return duration.toMillis() + "ms";
    }
}
