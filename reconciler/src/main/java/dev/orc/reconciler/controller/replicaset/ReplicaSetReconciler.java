package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.TypedResource;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Conditions;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.api.model.ReplicaSetStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.OwnerWrites;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles one ReplicaSet: reads it and its namespace's pods from the caches, plans, performs the pod writes,
 * then writes status. Creates run in parallel in slow-start batches, deletes all at once in parallel
 * ({@link OwnerWrites}). A failed create or delete stops the pass once its batch is over, is reported as an event
 * and a ReplicaFailure condition, and is retried with backoff; a conflict just retries.
 */
public final class ReplicaSetReconciler implements Reconciler {
    private final ObjectCache<ReplicaSet> replicaSets;
    private final ObjectCache<Pod> pods;
    private final TypedResource<ReplicaSet> replicaSetClient;
    private final TypedResource<Pod> podClient;
    private final Expectations expectations;
    private final OwnerWrites writes;
    private final InstantSource clock;

    public ReplicaSetReconciler(ObjectCache<ReplicaSet> replicaSets, ObjectCache<Pod> pods, ApiClient client,
                                EventRecorder events, Expectations expectations, InstantSource clock) {
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.replicaSetClient = client.resource(ReplicaSet.class);
        this.podClient = client.resource(Pod.class);
        this.expectations = expectations;
        this.writes = new OwnerWrites(client, events, expectations);
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<ReplicaSet>> found = replicaSets.get(key);
        if (found.isEmpty()) {
            expectations.forget(key);
            return Result.done();
        }
        Cached<ReplicaSet> rs = found.get();
        List<Cached<Pod>> observed = pods.list(key.namespace());
        Optional<Duration> pending = expectations.pendingAfterObserving(key,
                observed.stream().map(Cached::view).toList());
        ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, observed, pending.isEmpty(), clock.instant());
        try {
            perform(key, rs, plan.actions());
        } catch (OwnerWrites.PodWritesFailed failed) {
            writeStatus(rs, withFailure(plan.statusUpdate().orElse(rs.view().status()), failed));
            throw failed.failure();
        }
        plan.statusUpdate().ifPresent(status -> writeStatus(rs, status));
        Optional<Duration> next = Optional.ofNullable(plan.recheckAfter());
        if (pending.isPresent() && (next.isEmpty() || pending.get().compareTo(next.get()) < 0)) {
            next = pending;
        }
        return next.map(Result::requeueAfter).orElse(Result.done());
    }

    private void perform(ObjectKey key, Cached<ReplicaSet> rs, List<PodAction> actions) {
        List<PodAction.Create> creates = new ArrayList<>();
        List<PodAction.Delete> deletes = new ArrayList<>();
        for (PodAction action : actions) {
            switch (action) {
                case PodAction.Adopt adopt -> podClient.update(adopt.pod());
                case PodAction.Release release -> podClient.update(release.pod());
                case PodAction.Create create -> creates.add(create);
                case PodAction.Delete delete -> deletes.add(delete);
            }
        }
        ObjectReference owner = ObjectReference.to(rs.view());
        writes.createPods(key, owner, creates.stream().map(PodAction.Create::pod).toList(), pod -> "");
        writes.deletePods(key, owner, deletes.stream().map(d -> new OwnerWrites.PodRef(d.name(), d.uid())).toList());
    }

    private ReplicaSetStatus withFailure(ReplicaSetStatus status, OwnerWrites.PodWritesFailed failed) {
        ReplicaSetStatus base = status == null ? new ReplicaSetStatus(0, 0, 0, 0, null, null) : status;
        Condition failure = Condition.of(ReplicaSetPlanner.REPLICA_FAILURE, Condition.TRUE, failed.reason(),
                String.valueOf(failed.getMessage()), Timestamps.format(clock.instant()));
        return new ReplicaSetStatus(base.replicas(), base.fullyLabeledReplicas(), base.readyReplicas(),
                base.availableReplicas(), base.observedGeneration(), Conditions.put(base.conditions(), failure));
    }

    private void writeStatus(Cached<ReplicaSet> rs, ReplicaSetStatus status) {
        ObjectNode copy = rs.copy();
        copy.set("status", Json.tree(status));
        replicaSetClient.updateStatus(copy);
    }
}
