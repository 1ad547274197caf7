package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.TypedResource;
import dev.orc.api.gitops.Ownership;
import dev.orc.api.json.Json;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.GitSourceStatus;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Timestamps;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each GitSource's objects equal to its Git path. A source syncs when its interval is up, its spec
 * changed, someone asked ({@link Ownership#SYNC_REQUEST_ANNOTATION}, set by webhooks and {@code orc sync}) or it never has;
 * in between, every reconcile (one per change of a managed object) compares the live objects with the last
 * applied commit and self-heals the drift or reports OutOfSync. A commit whose apply fails partway is retried with
 * back-off, and nothing heals back to the older commit meanwhile: that would undo what the new commit applied and
 * prune what it created, then the retry would apply it again, over and over.
 */
public final class GitSourceController implements Reconciler {
    static final Duration WAIT_FOR_DEPENDENCIES = Duration.ofSeconds(5);
    static final Duration HEALTH_RECHECK = Duration.ofSeconds(2);
    static final Duration FETCH_RETRY = Duration.ofSeconds(10);
    static final Duration FIRST_APPLY_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_APPLY_RETRY = Duration.ofMinutes(5);

    private final ObjectCache<GitSource> sources;
    private final GitFetcher fetcher;
    private final GitSync sync;
    private final SourceAccesses accesses;
    private final TypedResource<GitSource> sourceClient;
    private final TypedResource<Secret> secretClient;
    private final EventRecorder events;
    private final InstantSource clock;
    private final Map<ObjectKey, AppliedCommit> applied = new ConcurrentHashMap<>();
    private final Map<ObjectKey, String> handledRequests = new ConcurrentHashMap<>();
    /** When each source last synced and at which generation, as this process knows it ahead of a lagging cache. */
    private final Map<ObjectKey, LastSync> lastSyncs = new ConcurrentHashMap<>();
    /** Sources whose last apply failed partway, and when to try it again. */
    private final Map<ObjectKey, FailedApply> failedApplies = new ConcurrentHashMap<>();

    private record LastSync(Instant time, Long generation) {
    }

    /** A commit whose apply failed partway: how often in a row, and when it is tried again. */
    private record FailedApply(String commit, int attempts, Instant retryAt) {
    }

    /** The objects of the last commit applied, to compare live objects against between syncs. */
    private record AppliedCommit(String commit, GitSync.Desired desired) {
    }

    /**
     * {@code accesses} decides who each source reads and writes the cluster as; {@code client} is the controller's own,
     * for the sources' status, their Secrets and events.
     */
    public GitSourceController(ObjectCache<GitSource> sources, GitFetcher fetcher, GitSync sync, SourceAccesses accesses,
                               ApiClient client, EventRecorder events, InstantSource clock) {
        this.sources = sources;
        this.fetcher = fetcher;
        this.sync = sync;
        this.accesses = accesses;
        this.sourceClient = client.resource(GitSource.class);
        this.secretClient = client.resource(Secret.class);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        Optional<Cached<GitSource>> cached = sources.get(key);
        if (cached.isEmpty()) {
            applied.remove(key);
            handledRequests.remove(key);
            lastSyncs.remove(key);
            failedApplies.remove(key);
            return Result.done();
        }
        GitSource source = cached.get().view();
        GitSourceStatus status = source.status() == null ? GitSourceStatus.empty() : source.status();
        if (source.spec().suspended()) {
            writeIfChanged(source, status, status.withSync(status.sync(), GitSourceStatus.SUSPENDED, "suspended: no syncs until resumed"));
            return Result.done();
        }
        List<String> waiting = SourceDependencies.waitingFor(source, k -> sources.get(k).map(Cached::view));
        if (!waiting.isEmpty()) {
            writeIfChanged(source, status, status.withSync(status.sync(), status.health(), "waiting for " + String.join(", ", waiting)));
            return Result.requeueAfter(WAIT_FOR_DEPENDENCIES);
        }
        Duration interval = source.spec().intervalDuration();
        String request = source.metadata().annotations().get(Ownership.SYNC_REQUEST_ANNOTATION);
        boolean requested = request != null && !request.equals(handledRequests.get(key));
        Instant last = status.lastSyncTime() == null ? null : Timestamps.parse(status.lastSyncTime());
        Long syncedGeneration = status.observedGeneration();
        LastSync known = lastSyncs.get(key);
        if (known != null && (last == null || known.time().isAfter(last))) {
            last = known.time();
            syncedGeneration = known.generation();
        }
        Instant now = clock.instant();
        boolean asked = requested || !java.util.Objects.equals(syncedGeneration, source.metadata().generation());
        FailedApply failure = failedApplies.get(key);
        if (failure != null && now.isBefore(failure.retryAt()) && !asked) {
            return Result.requeueAfter(Duration.between(now, failure.retryAt()));
        }
        boolean due = asked || failure != null || last == null || !now.isBefore(last.plus(interval))
                || !applied.containsKey(key);
        if (due) {
            if (request != null) {
                handledRequests.put(key, request);
            }
            lastSyncs.put(key, new LastSync(now, source.metadata().generation()));
            return fullSync(key, source, status, interval, requested);
        }
        Duration untilNext = Duration.between(now, last.plus(interval));
        return compareWithGit(key, source, status, untilNext);
    }

    private Result fullSync(ObjectKey key, GitSource source, GitSourceStatus status, Duration interval, boolean requested)
            throws Exception {
        Instant started = clock.instant();
        GitSnapshot snapshot;
        try {
            GitTarget target = SourceSpecs.target(source);
            snapshot = fetcher.fetch(key.toString(), target, SourceSpecs.credentials(source, target, secretClient::find));
        } catch (GitFetchException | IllegalArgumentException e) {
            events.record(source, "Warning", "FetchFailed", e.getMessage());
            write(source, status.withSync(GitSourceStatus.FAILED, status.health(), e.getMessage())
                    .withResults(Timestamps.formatMicros(started), status.inventory(), status.objects()));
            return Result.requeueAfter(min(interval, FETCH_RETRY));
        }
        String shortCommit = snapshot.commit().substring(0, Math.min(12, snapshot.commit().length()));
        GitSync.Desired desired = sync.load(snapshot, SourceSpecs.target(source).path(), SourceSpecs.defaultNamespace(source));
        if (!desired.errors().isEmpty()) {
            String message = "commit " + shortCommit + " not applied: " + desired.errors().size() + " invalid document"
                    + (desired.errors().size() == 1 ? "" : "s") + "\n" + String.join("\n", desired.errors());
            events.record(source, "Warning", "SyncFailed", message);
            GitSourceStatus failed = status.withCommits(snapshot.commit(), status.lastAppliedCommit())
                    .withSync(GitSourceStatus.FAILED, status.health(), message)
                    .withResults(Timestamps.formatMicros(started), status.inventory(), status.objects())
                    .withHistory(record(snapshot, started, "Failed"), SyncStatus.HISTORY_LIMIT)
                    .withObservedGeneration(source.metadata().generation());
            write(source, failed);
            return Result.requeueAfter(interval);
        }
        Set<ManagedRef> inventory = SyncStatus.inventory(status);
        SourceAccess access = accesses.of(source);
        SyncOutcome outcome = sync.apply(SourceSpecs.settings(source, snapshot.commit()), desired, inventory, access);
        Health health = health(access.cluster(), outcome.inventory());
        if (outcome.succeeded()) {
            failedApplies.remove(key);
        }
        if (SyncStatus.repeatsTheLastSync(status, snapshot, outcome, source.metadata().generation())) {
            applied.put(key, new AppliedCommit(snapshot.commit(), desired));
            GitSourceStatus same = status.withSync(GitSourceStatus.SYNCED, health.status(), health.message());
            if (requested) {
                write(source, same.withResults(Timestamps.formatMicros(started), status.inventory(), status.objects()));
                events.record(source, "Normal", "Synced", "Synced commit " + shortCommit + ": " + SyncStatus.counts(outcome));
            } else {
                writeIfChanged(source, status, same);
            }
            return nextPoll(health, interval);
        }
        GitSourceStatus next = SyncStatus.after(status, snapshot, outcome, health, started, clock.instant())
                .withObservedGeneration(source.metadata().generation());
        write(source, next);
        if (outcome.succeeded()) {
            applied.put(key, new AppliedCommit(snapshot.commit(), desired));
            events.record(source, "Normal", "Synced", "Synced commit " + shortCommit + ": " + SyncStatus.counts(outcome));
            return nextPoll(health, interval);
        }
        FailedApply previous = failedApplies.get(key);
        int attempts = previous != null && previous.commit().equals(snapshot.commit()) ? previous.attempts() + 1 : 1;
        Duration retry = applyRetry(attempts, interval);
        failedApplies.put(key, new FailedApply(snapshot.commit(), attempts, clock.instant().plus(retry)));
        events.record(source, "Warning", "SyncFailed", "commit " + shortCommit + ": " + outcome.message()
                + " (attempt " + attempts + ", next in " + retry.toSeconds() + "s)");
        return Result.requeueAfter(retry);
    }

    /** 5 s after the first failure, doubling with each, at most the interval (and at most 5 minutes). */
    static Duration applyRetry(int attempts, Duration interval) {
        Duration cap = min(interval, MAX_APPLY_RETRY);
        Duration delay = FIRST_APPLY_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20));
        return min(delay, cap);
    }

    /** After a successful sync: the next poll, sooner while what it applied is still progressing. */
    private static Result nextPoll(Health health, Duration interval) {
        return Result.requeueAfter(health.status().equals(GitSourceStatus.PROGRESSING) ? min(interval, HEALTH_RECHECK) : interval);
    }

    /** Between syncs: heal drift (or report it), and keep health current. */
    private Result compareWithGit(ObjectKey key, GitSource source, GitSourceStatus status, Duration untilNext) throws Exception {
        AppliedCommit commit = applied.get(key);
        Set<ManagedRef> inventory = SyncStatus.inventory(status);
        GitSync.SourceSettings settings = SourceSpecs.settings(source, commit.commit());
        boolean selfHeal = !Boolean.FALSE.equals(source.spec().selfHeal());
        SourceAccess access = accesses.of(source);
        String sync;
        String message = status.message();
        if (selfHeal) {
            SyncOutcome outcome = this.sync.apply(settings, commit.desired(), inventory, access);
            boolean healed = outcome.objects().stream().anyMatch(o -> !o.action().equals("unchanged"));
            if (healed) {
                events.record(source, "Normal", "SelfHealed", "reverted changes made outside Git: " + SyncStatus.counts(outcome));
            }
            sync = outcome.succeeded() ? GitSourceStatus.SYNCED : GitSourceStatus.FAILED;
            message = outcome.succeeded() ? "" : outcome.message();
        } else {
            SyncPlan plan = this.sync.plan(settings, commit.desired().objects(), inventory, access.cluster());
            sync = plan.changesSomething() ? GitSourceStatus.OUT_OF_SYNC : GitSourceStatus.SYNCED;
            message = plan.changesSomething() ? "live objects differ from commit " + commit.commit().substring(0, 12)
                    + ": " + SyncStatus.drift(plan) : "";
        }
        Health health = health(access.cluster(), inventory);
        if (newerCommitFailed(status)) {
            sync = GitSourceStatus.FAILED;
            message = status.message();
        }
        writeIfChanged(source, status, status.withSync(sync, health.status(), message.isEmpty() ? health.message() : message));
        Duration next = health.status().equals(GitSourceStatus.PROGRESSING) ? min(untilNext, HEALTH_RECHECK) : untilNext;
        return Result.requeueAfter(next);
    }

    /**
     * The last commit tried is not the one applied and its sync failed: the source stays Failed, with why, until a
     * sync succeeds, while the objects are still kept as the applied commit has them.
     */
    private static boolean newerCommitFailed(GitSourceStatus status) {
        return GitSourceStatus.FAILED.equals(status.sync()) && status.lastAttemptedCommit() != null
                && !status.lastAttemptedCommit().equals(status.lastAppliedCommit());
    }

    private static Health health(ClusterOps cluster, java.util.Collection<ManagedRef> refs) {
        List<Health> all = new ArrayList<>();
        for (ManagedRef ref : refs) {
            all.add(Health.of(ref, cluster.get(ref).map(n -> (JsonNode) n)));
        }
        return Health.worst(all);
    }

    private void writeIfChanged(GitSource source, GitSourceStatus before, GitSourceStatus after) throws Exception {
        if (!Json.same(Json.tree(before), Json.tree(after))) {
            write(source, after);
        }
    }

    private void write(GitSource source, GitSourceStatus status) throws Exception {
        sourceClient.updateStatus(source.withStatus(status));
    }

    private static GitSourceStatus.SyncRecord record(GitSnapshot snapshot, Instant started, String result) {
        return new GitSourceStatus.SyncRecord(snapshot.commit(), snapshot.author(), snapshot.subject(),
                Timestamps.format(started), result, null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
