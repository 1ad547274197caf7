package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.TypedResource;
import dev.orc.api.model.Job;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.controller.Expectations;
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
    private final TypedResource<Job> jobClient;
    private final EventRecorder events;
    private final OwnerWrites writes;
    private final InstantSource clock;

    public JobReconciler(ObjectCache<Job> jobs, ObjectCache<Pod> pods, ApiClient client, EventRecorder events,
                         Expectations expectations, InstantSource clock) {
        this.owned = new OwnedPods<>(jobs, pods, expectations);
        this.jobClient = client.resource(Job.class);
        this.events = events;
        this.writes = new OwnerWrites(client, events, expectations);
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
            jobClient.deleteIfPresent(key.namespace(), key.name(), DeleteOptions.defaults().withPreconditionUid(uid)
                    .withPropagation(DeleteOptions.Propagation.Background));
            return Result.done();
        }
        ObjectReference owner = ObjectReference.of(job);
        writes.createPods(key, owner, plan.creates(), pod -> "");
        writes.deletePods(key, owner, plan.deletes().stream().map(OwnerWrites.PodRef::of).toList());
        OwnerWrites.statusIfChanged(jobClient, job, plan.status());
        plan.events().forEach(note -> events.record(owner, note.type(), note.reason(), note.message()));
        return plan.recheckAfter().map(Result::requeueAfter).orElse(Result.done());
    }
}
