package dev.orc.reconciler.controller.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Conditions;
import dev.orc.api.model.Event;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.api.model.ReplicaSetStatus;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.Cached;
import dev.orc.reconciler.controller.ConflictException;
import dev.orc.reconciler.controller.EventRecorder;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.ObjectCache;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.controller.ParallelWrites;
import dev.orc.reconciler.controller.ParallelWrites.Outcome;
import dev.orc.reconciler.controller.runtime.ObjectKey;
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
 * ({@link ParallelWrites}). A failed create or delete stops the pass once its batch is over, is reported as an event
 * and a ReplicaFailure condition, and is retried with backoff; a conflict just retries.
 */
public final class ReplicaSetReconciler implements Reconciler {
    private final ObjectCache replicaSets;
    private final ObjectCache pods;
    private final ObjectWriter writer;
    private final EventRecorder events;
    private final Expectations expectations;
    private final InstantSource clock;

    public ReplicaSetReconciler(ObjectCache replicaSets, ObjectCache pods, ObjectWriter writer, EventRecorder events,
                                Expectations expectations, InstantSource clock) {
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.writer = writer;
        this.events = events;
        this.expectations = expectations;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<ObjectNode> found = replicaSets.get(key);
        if (found.isEmpty()) {
            expectations.forget(key);
            return Result.done();
        }
        Cached<ReplicaSet> rs = Cached.of(found.get(), ReplicaSet.class);
        List<Cached<Pod>> observed = pods.list(key.namespace()).stream().map(p -> Cached.of(p, Pod.class)).toList();
        Optional<Duration> pending = expectations.pendingAfterObserving(key,
                observed.stream().map(Cached::view).toList());
        ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, observed, pending.isEmpty(), clock.instant());
        try {
            perform(key, rs, plan.actions());
        } catch (ManageFailed failed) {
            writeStatus(rs, withFailure(plan.statusUpdate().orElse(rs.view().status()), failed));
            throw failed.cause;
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
                case PodAction.Adopt adopt -> writer.update(ResourceTypes.POD, adopt.pod());
                case PodAction.Release release -> writer.update(ResourceTypes.POD, release.pod());
                case PodAction.Create create -> creates.add(create);
                case PodAction.Delete delete -> deletes.add(delete);
            }
        }
        create(key, rs, creates);
        delete(key, rs, deletes);
    }

    /**
     * Creates in slow-start batches. Only the creates that succeeded are expected: one that failed, or that was
     * skipped after a failed batch, will never show in the cache, and the next pass must not wait for it. The events
     * come after all the creates, as each is a request of its own.
     */
    private void create(ObjectKey key, Cached<ReplicaSet> rs, List<PodAction.Create> creates) {
        Outcome<PodAction.Create, ObjectNode> outcome = ParallelWrites.slowStart(creates,
                create -> writer.create(ResourceTypes.POD, create.pod()));
        List<String> names = outcome.succeeded().stream()
                .map(done -> done.result().path("metadata").path("name").asText()).toList();
        names.forEach(name -> expectations.expectCreated(key, name));
        names.forEach(name -> events.record(EventRecorder.reference(rs.raw()), Event.NORMAL, "SuccessfulCreate",
                "Created pod: " + name));
        reportFailures(rs, outcome, "FailedCreate", "Error creating: ");
    }

    /** Deletes all at once; only the deletes that succeeded are expected. */
    private void delete(ObjectKey key, Cached<ReplicaSet> rs, List<PodAction.Delete> deletes) {
        Outcome<PodAction.Delete, String> outcome = ParallelWrites.allAtOnce(deletes, delete -> {
            writer.delete(ResourceTypes.POD, key.namespace(), delete.name(), delete.uid(),
                    ObjectWriter.Propagation.BACKGROUND);
            return delete.name();
        });
        List<String> names = outcome.succeeded().stream().map(ParallelWrites.Done::result).toList();
        names.forEach(name -> expectations.expectDeleted(key, name));
        names.forEach(name -> events.record(EventRecorder.reference(rs.raw()), Event.NORMAL, "SuccessfulDelete",
                "Deleted pod: " + name));
        reportFailures(rs, outcome, "FailedDelete", "Error deleting: ");
    }

    /**
     * Ends the pass if a write failed: each failure is reported as an event and the first one in status; a conflict
     * is not reported, the pass just starts over.
     */
    private void reportFailures(Cached<ReplicaSet> rs, Outcome<?, ?> outcome, String reason, String messagePrefix) {
        List<RuntimeException> errors = outcome.failed().stream().map(ParallelWrites.Failed::error).toList();
        List<RuntimeException> reported = errors.stream().filter(e -> !(e instanceof ConflictException)).toList();
        reported.forEach(e -> events.record(EventRecorder.reference(rs.raw()), Event.WARNING, reason,
                messagePrefix + e.getMessage()));
        if (!reported.isEmpty()) {
            throw new ManageFailed(reason, reported.getFirst());
        }
        if (!errors.isEmpty()) {
            throw errors.getFirst();
        }
    }

    /** A create or delete failed: the pass stops, and status says why. */
    private static final class ManageFailed extends RuntimeException {
        private final String reason;
        private final RuntimeException cause;

        ManageFailed(String reason, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.reason = reason;
            this.cause = cause;
        }
    }

    private ReplicaSetStatus withFailure(ReplicaSetStatus status, ManageFailed failed) {
        ReplicaSetStatus base = status == null ? new ReplicaSetStatus(0, 0, 0, 0, null, null) : status;
        Condition failure = Condition.of(ReplicaSetPlanner.REPLICA_FAILURE, Condition.TRUE, failed.reason,
                String.valueOf(failed.getMessage()), Timestamps.format(clock.instant()));
        return new ReplicaSetStatus(base.replicas(), base.fullyLabeledReplicas(), base.readyReplicas(),
                base.availableReplicas(), base.observedGeneration(), Conditions.put(base.conditions(), failure));
    }

    private void writeStatus(Cached<ReplicaSet> rs, ReplicaSetStatus status) {
        ObjectNode copy = rs.copy();
        copy.set("status", Json.tree(status));
        writer.updateStatus(ResourceTypes.REPLICA_SET, copy);
    }
}
