package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Job;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.EventRecorder;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.controller.OwnedPods;
import dev.orc.reconciler.controller.OwnerWrites;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;
import java.util.List;

/**
 * Reconciles one Job: reads it and its pods from the caches, plans, creates and deletes pods, writes status last
 * (only when it changed), and deletes the Job once its TTL after finishing has passed.
 */
public final class JobReconciler implements Reconciler {
    private final OwnedPods<Job> owned;
    private final ObjectWriter writer;
    private final EventRecorder events;
    private final OwnerWrites writes;
    private final InstantSource clock;

    public JobReconciler(ObjectCache<Job> jobs, ObjectCache<Pod> pods, ObjectWriter writer, EventRecorder events,
                         Expectations expectations, InstantSource clock) {
        this.owned = new OwnedPods<>(jobs, pods, expectations);
        this.writer = writer;
        this.events = events;
        this.writes = new OwnerWrites(writer, events, expectations);
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        return owned.reconcile(key, (job, pods) -> reconcile(key, job, pods));
    }

    private Result reconcile(ObjectKey key, ObjectNode job, List<Pod> pods) {
        JobPlan plan = JobPlanner.plan(job, pods, clock.instant());
        if (plan.deleteJob()) {
            String uid = job.path("metadata").path("uid").asText();
            writer.delete(ResourceTypes.JOB, key.namespace(), key.name(), uid, ObjectWriter.Propagation.BACKGROUND);
            return Result.done();
        }
        ObjectReference owner = EventRecorder.reference(job);
        writes.createPods(key, owner, plan.creates(), pod -> "");
        writes.deletePods(key, owner, plan.deletes().stream().map(OwnerWrites.PodRef::of).toList());
        writes.statusIfChanged(ResourceTypes.JOB, job, plan.status());
        plan.events().forEach(note -> events.record(owner, note.type(), note.reason(), note.message()));
        return plan.recheckAfter().map(Result::requeueAfter).orElse(Result.done());
    }
}
