package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Event;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.ControllerRefs;
import dev.orc.reconciler.controller.EventRecorder;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.ObjectCache;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.controller.runtime.ObjectKey;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles one Job: reads it and its pods from the caches, plans, creates and deletes pods, writes status last
 * (only when it changed), and deletes the Job once its TTL after finishing has passed.
 */
public final class JobReconciler implements Reconciler {
    private final ObjectCache jobs;
    private final ObjectCache pods;
    private final ObjectWriter writer;
    private final EventRecorder events;
    private final Expectations expectations;
    private final InstantSource clock;

    public JobReconciler(ObjectCache jobs, ObjectCache pods, ObjectWriter writer, EventRecorder events,
                         Expectations expectations, InstantSource clock) {
        this.jobs = jobs;
        this.pods = pods;
        this.writer = writer;
        this.events = events;
        this.expectations = expectations;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<ObjectNode> found = jobs.get(key);
        if (found.isEmpty()) {
            expectations.forget(key);
            return Result.done();
        }
        ObjectNode job = found.get();
        if (job.path("metadata").hasNonNull("deletionTimestamp")) {
            return Result.done();
        }
        String uid = job.path("metadata").path("uid").asText();
        List<Pod> owned = pods.list(key.namespace()).stream().map(p -> Json.convert(p, Pod.class))
                .filter(p -> ControllerRefs.controlledBy(p.metadata(), uid)).toList();
        Set<String> present = owned.stream().map(Pod::name).collect(Collectors.toSet());
        Set<String> terminating = owned.stream().filter(p -> p.metadata().deleting()).map(Pod::name)
                .collect(Collectors.toSet());
        Optional<Duration> pending = expectations.pendingAfterObserving(key, present, terminating);
        if (pending.isPresent()) {
            return Result.requeueAfter(pending.get());
        }
        JobPlan plan = JobPlanner.plan(job, owned, clock.instant());
        if (plan.deleteJob()) {
            writer.delete(ResourceTypes.JOB, key.namespace(), key.name(), uid, ObjectWriter.Propagation.BACKGROUND);
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
