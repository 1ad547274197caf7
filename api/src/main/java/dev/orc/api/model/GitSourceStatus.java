package dev.orc.api.model;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the GitOps sync observed and did: commits, sync state (Synced, OutOfSync, Failed), health
 * (Healthy, Progressing, Degraded, Missing, Suspended), the managed inventory, the per-object
 * results of the last sync and a bounded history.
 */
public record GitSourceStatus(
        Long observedGeneration,
        String lastAttemptedCommit,
        String lastAppliedCommit,
        String sync,
        String health,
        String message,
        String lastSyncTime,
        @OmitEmpty List<InventoryEntry> inventory,
        @OmitEmpty List<ObjectResult> objects,
        @OmitEmpty List<SyncRecord> history,
        @OmitEmpty List<Condition> conditions) {
    public static final String SYNCED = "Synced";
    public static final String OUT_OF_SYNC = "OutOfSync";
    public static final String FAILED = "Failed";
    public static final String HEALTHY = "Healthy";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String MISSING = "Missing";
    public static final String SUSPENDED = "Suspended";

    public GitSourceStatus {
        inventory = Immutable.list(inventory);
        objects = Immutable.list(objects);
        history = Immutable.list(history);
        conditions = Immutable.list(conditions);
    }

    public static GitSourceStatus empty() {
        return new GitSourceStatus(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** One object the source manages, so that pruning never touches what it does not own. */
    public record InventoryEntry(String apiVersion, String kind, String namespace, String name) {
    }

    /** What the last sync did to one object: action (created, configured, unchanged, pruned) and result. */
    public record ObjectResult(String apiVersion, String kind, String namespace, String name, String action,
                               String result, String message) {
    }

    /** One past sync. */
    public record SyncRecord(String commit, String author, String message, String time, String result,
                             String duration) {
    }

    public Optional<Condition> condition(String type) {
        return Conditions.find(conditions, type);
    }

    public GitSourceStatus withSync(String sync, String health, String message) {
        return new GitSourceStatus(observedGeneration, lastAttemptedCommit, lastAppliedCommit, sync, health, message,
                lastSyncTime, inventory, objects, history, conditions);
    }

    public GitSourceStatus withCommits(String lastAttemptedCommit, String lastAppliedCommit) {
        return new GitSourceStatus(observedGeneration, lastAttemptedCommit, lastAppliedCommit, sync, health, message,
                lastSyncTime, inventory, objects, history, conditions);
    }

    public GitSourceStatus withResults(String lastSyncTime, List<InventoryEntry> inventory, List<ObjectResult> objects) {
        return new GitSourceStatus(observedGeneration, lastAttemptedCommit, lastAppliedCommit, sync, health, message,
                lastSyncTime, inventory, objects, history, conditions);
    }

    /** This status with {@code record} first in the history, which keeps at most {@code limit} entries. */
    public GitSourceStatus withHistory(SyncRecord record, int limit) {
        List<SyncRecord> newest = Stream.concat(Stream.of(record), history.stream())
                .limit(limit).toList();
        return new GitSourceStatus(observedGeneration, lastAttemptedCommit, lastAppliedCommit, sync, health, message,
                lastSyncTime, inventory, objects, newest, conditions);
    }

    public GitSourceStatus withCondition(Condition condition) {
        return new GitSourceStatus(observedGeneration, lastAttemptedCommit, lastAppliedCommit, sync, health, message,
                lastSyncTime, inventory, objects, history, Conditions.put(conditions, condition));
    }

    public GitSourceStatus withObservedGeneration(Long observedGeneration) {
        return new GitSourceStatus(observedGeneration, lastAttemptedCommit, lastAppliedCommit, sync, health, message,
                lastSyncTime, inventory, objects, history, conditions);
    }
}
