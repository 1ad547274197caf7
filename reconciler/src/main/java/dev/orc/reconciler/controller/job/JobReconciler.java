package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Event;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.EventRecorder;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.ObjectCache;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.controller.OwnedPods;
import dev.orc.reconciler.controller.runtime.ObjectKey;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;

/**
 * Reconciles one Job: reads it and its pods from the caches, plans, creates and deletes pods, writes status last
 * (only when it changed), and deletes the Job once its TTL after finishing has passed.
 */
public final class JobReconciler implements Reconciler {
    private final OwnedPods owned;
    private final ObjectWriter writer;
    private final EventRecorder events;
    private final Expectations expectations;
    private final InstantSource clock;

    public JobReconciler(ObjectCache jobs, ObjectCache pods, ObjectWriter writer, EventRecorder events,
                         Expectations expectations, InstantSource clock) {
        this.owned = new OwnedPods(jobs, pods, expectations);
        this.writer = writer;
        this.events = events;
        this.expectations = expectations;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        return switch (owned.read(key)) {
            case OwnedPods.Stop stop -> stop.result();
            case OwnedPods.Proceed start -> reconcile(key, start);
        };
    }

    private Result reconcile(ObjectKey key, OwnedPods.Proceed start) {
        ObjectNode job = start.owner();
        JobPlan plan = JobPlanner.plan(job, start.pods(), clock.instant());
        if (plan.deleteJob()) {
            writer.delete(ResourceTypes.JOB, key.namespace(), key.name(), start.uid(), ObjectWriter.Propagation.BACKGROUND);
            return Result.done();
        }
        for (ObjectNode pod : plan.creates()) {
            String name = writer.create(ResourceTypes.POD, pod).path("metadata").path("name").asText();
            expectations.expectCreated(key, name);
            events.record(EventRecorder.reference(job), Event.NORMAL, "SuccessfulCreate", "Created pod: " + name);
        }
        for (Pod pod : plan.deletes()) {
            writer.delete(ResourceTypes.POD, key.namespace(), pod.name(), pod.metadata().uid(),
                    ObjectWriter.Propagation.BACKGROUND);
            expectations.expectDeleted(key, pod.name());
            events.record(EventRecorder.reference(job), Event.NORMAL, "SuccessfulDelete", "Deleted pod: " + pod.name());
        }
        JsonNode status = Json.tree(plan.status());
        if (!status.equals(job.path("status"))) {
            ObjectNode copy = job.deepCopy();
            copy.set("status", status);
            writer.updateStatus(ResourceTypes.JOB, copy);
        }
        plan.events().forEach(note -> events.record(EventRecorder.reference(job), note.type(), note.reason(), note.message()));
        return plan.recheckAfter().map(Result::requeueAfter).orElse(Result.done());
    }
}
