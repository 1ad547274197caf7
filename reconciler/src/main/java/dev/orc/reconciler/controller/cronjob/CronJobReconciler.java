package dev.orc.reconciler.controller.cronjob;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.CronJob;
import dev.orc.api.model.CronJobStatus;
import dev.orc.api.model.Event;
import dev.orc.api.model.Job;
import dev.orc.api.model.ObjectReference;
import dev.orc.reconciler.controller.AlreadyExistsException;
import dev.orc.reconciler.controller.EventRecorder;
import dev.orc.reconciler.controller.LiveReader;
import dev.orc.reconciler.controller.ObjectWriter;
import dev.orc.reconciler.controller.OwnerWrites;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles one CronJob: reads it and its Jobs from the caches, asks the API what the caches cannot be trusted with
 * (whether an active Job the cache lacks is really gone; the CronJob's own latest status when a Job it does not list
 * shows up), plans, deletes replaced Jobs, creates the scheduled one, prunes the history, and writes status last, only
 * when it changed.
 */
public final class CronJobReconciler implements Reconciler {
    private final ObjectCache<CronJob> cronJobs;
    private final ObjectCache<Job> jobs;
    private final LiveReader live;
    private final ObjectWriter writer;
    private final EventRecorder events;
    private final InstantSource clock;
    private final ZoneId localZone;

    public CronJobReconciler(ObjectCache<CronJob> cronJobs, ObjectCache<Job> jobs, LiveReader live, ObjectWriter writer,
                             EventRecorder events, InstantSource clock, ZoneId localZone) {
        this.cronJobs = cronJobs;
        this.jobs = jobs;
        this.live = live;
        this.writer = writer;
        this.events = events;
        this.clock = clock;
        this.localZone = localZone;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<CronJob>> found = cronJobs.get(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        ObjectNode cronJob = found.get().copy();
        List<Job> owned = jobs.controlledBy(key.namespace(), found.get().uid()).stream().map(Cached::view).toList();
        cronJob = latestIfUnexpected(key, cronJob, owned);
        CronJobPlan plan = CronJobPlanner.plan(cronJob, owned, gone(key, cronJob, owned), clock.instant(), localZone);
        ObjectReference owner = EventRecorder.reference(cronJob);
        plan.events().forEach(note -> events.record(owner, note.type(), note.reason(), note.message()));
        for (ObjectReference job : plan.replace()) {
            if (!delete(owner, job)) {
                throw new IllegalStateException("could not replace job " + key.namespace() + "/" + job.name());
            }
        }
        CronJobStatus status = plan.status();
        Optional<ObjectReference> launched = Optional.empty();
        if (plan.launch().isPresent()) {
            launched = launch(owner, cronJob, plan.launch().get());
            if (launched.isPresent()) {
                status = plan.launch().get().launched(status, launched.get());
            }
        }
        plan.prune().forEach(job -> delete(owner, job));
        OwnerWrites.statusIfChanged(writer, ResourceTypes.CRON_JOB, cronJob, status);
        boolean abandoned = plan.launch().isPresent() && launched.isEmpty();
        return abandoned ? Result.done() : plan.requeueAfter().map(Result::requeueAfter).orElse(Result.done());
    }

    /**
     * The CronJob as the API has it when a running Job it controls is missing from its cached active list: the cache
     * may simply not have seen the status that lists it yet.
     */
    private ObjectNode latestIfUnexpected(ObjectKey key, ObjectNode cronJob, List<Job> owned) {
        Set<String> listed = activeUids(cronJob);
        boolean unexpected = owned.stream().anyMatch(job -> !listed.contains(job.metadata().uid())
                && CronJobPlanner.finishedCondition(job).isEmpty());
        return unexpected ? live.get(ResourceTypes.CRON_JOB, key.namespace(), key.name()).orElse(cronJob) : cronJob;
    }

    /** The active Jobs that the cache lacks and the API confirms are gone. */
    private Set<String> gone(ObjectKey key, ObjectNode cronJob, List<Job> owned) {
        Set<String> cached = owned.stream().map(job -> job.metadata().uid()).collect(Collectors.toSet());
        Set<String> gone = new HashSet<>();
        for (ObjectReference ref : status(cronJob).active()) {
            if (!cached.contains(ref.uid()) && live.get(ResourceTypes.JOB, key.namespace(), ref.name()).isEmpty()) {
                gone.add(ref.uid());
            }
        }
        return gone;
    }

    /**
     * Creates the scheduled Job and returns the reference to add to the active list. A Job of that name that already
     * exists is this CronJob's own from a pass whose status write was lost, unless another controller owns it or it
     * is listed already: then there is nothing to add.
     */
    private Optional<ObjectReference> launch(ObjectReference owner, ObjectNode cronJob, CronJobPlan.Launch launch) {
        String name = launch.job().path("metadata").path("name").asText();
        ObjectNode created;
        try {
            created = writer.create(ResourceTypes.JOB, launch.job());
        } catch (AlreadyExistsException e) {
            Optional<ObjectNode> existing = live.get(ResourceTypes.JOB, owner.namespace(), name);
            Optional<Job> ours = existing.map(job -> Json.convert(job, Job.class))
                    .filter(job -> ControllerRefs.controlledBy(job.metadata(), owner.uid())
                            && !activeUids(cronJob).contains(job.metadata().uid()));
            return ours.map(ObjectReference::to);
        } catch (RuntimeException e) {
            events.record(owner, Event.WARNING, "FailedCreate", "Error creating job: " + e.getMessage());
            throw e;
        }
        events.record(owner, Event.NORMAL, "SuccessfulCreate", "Created job " + name);
        return Optional.of(ObjectReference.to(Json.convert(created, Job.class)));
    }

    /** Deletes a Job (its pods in the background), reporting the outcome as Kubernetes does. */
    private boolean delete(ObjectReference owner, ObjectReference job) {
        try {
            writer.delete(ResourceTypes.JOB, owner.namespace(), job.name(), job.uid(),
                    ObjectWriter.Propagation.BACKGROUND);
        } catch (RuntimeException e) {
            events.record(owner, Event.WARNING, "FailedDelete", "Deleted job: " + e.getMessage());
            return false;
        }
        events.record(owner, Event.NORMAL, "SuccessfulDelete", "Deleted job " + job.name());
        return true;
    }

    private static Set<String> activeUids(ObjectNode cronJob) {
        return status(cronJob).active().stream().map(ObjectReference::uid).collect(Collectors.toSet());
    }

    private static CronJobStatus status(ObjectNode cronJob) {
        CronJobStatus status = Json.convert(cronJob, CronJob.class).status();
        return status == null ? CronJobStatus.EMPTY : status;
    }
}
