package dev.orc.reconciler.controller.cronjob;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.TypedResource;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ControllerRefs;
import dev.orc.api.model.CronJob;
import dev.orc.api.model.CronJobStatus;
import dev.orc.api.model.Event;
import dev.orc.api.model.Job;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.record.EventRecorder;
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
    private final TypedResource<CronJob> cronJobClient;
    private final TypedResource<Job> jobClient;
    private final EventRecorder events;
    private final InstantSource clock;
    private final ZoneId localZone;

    public CronJobReconciler(ObjectCache<CronJob> cronJobs, ObjectCache<Job> jobs, ApiClient client,
                             EventRecorder events, InstantSource clock, ZoneId localZone) {
        this.cronJobs = cronJobs;
        this.jobs = jobs;
        this.cronJobClient = client.resource(CronJob.class);
        this.jobClient = client.resource(Job.class);
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
        ObjectReference owner = ObjectReference.of(cronJob);
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
        OwnerWrites.statusIfChanged(cronJobClient, cronJob, status);
        boolean abandoned = plan.launch().isPresent() && launched.isEmpty();
        return abandoned ? Result.done() : plan.requeueAfter().map(Result::requeueAfter).orElse(Result.done());
    }

    /**
     * The CronJob with the status and resourceVersion the API has when a running Job it controls is missing from its
     * cached active list: the cache may simply not have seen the status that lists it yet. The rest stays as cached,
     * with the fields of its Job template the record does not model.
     */
    private ObjectNode latestIfUnexpected(ObjectKey key, ObjectNode cronJob, List<Job> owned) {
        Set<String> listed = activeUids(cronJob);
        boolean unexpected = owned.stream().anyMatch(job -> !listed.contains(job.metadata().uid())
                && CronJobPlanner.finishedCondition(job).isEmpty());
        if (!unexpected) {
            return cronJob;
        }
        cronJobClient.find(key.namespace(), key.name()).ifPresent(latest -> {
            cronJob.withObjectProperty("metadata").put("resourceVersion", latest.metadata().resourceVersion());
            cronJob.set("status", Json.tree(latest.status() == null ? CronJobStatus.EMPTY : latest.status()));
        });
        return cronJob;
    }

    /** The active Jobs that the cache lacks and the API confirms are gone. */
    private Set<String> gone(ObjectKey key, ObjectNode cronJob, List<Job> owned) {
        Set<String> cached = owned.stream().map(job -> job.metadata().uid()).collect(Collectors.toSet());
        Set<String> gone = new HashSet<>();
        for (ObjectReference ref : status(cronJob).active()) {
            if (!cached.contains(ref.uid()) && jobClient.find(key.namespace(), ref.name()).isEmpty()) {
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
        Job created;
        try {
            created = jobClient.create(launch.job());
        } catch (RuntimeException e) {
            if (e instanceof ApiException api && api.isAlreadyExists()) {
                return jobClient.find(owner.namespace(), name)
                        .filter(job -> ControllerRefs.controlledBy(job.metadata(), owner.uid())
                                && !activeUids(cronJob).contains(job.metadata().uid()))
                        .map(ObjectReference::to);
            }
            events.record(owner, Event.WARNING, "FailedCreate", "Error creating job: " + e.getMessage());
            throw e;
        }
        events.record(owner, Event.NORMAL, "SuccessfulCreate", "Created job " + name);
        return Optional.of(ObjectReference.to(created));
    }

    /** Deletes a Job (its pods in the background), reporting the outcome as Kubernetes does. */
    private boolean delete(ObjectReference owner, ObjectReference job) {
        try {
            jobClient.deleteIfPresent(owner.namespace(), job.name(), DeleteOptions.defaults()
                    .withPreconditionUid(job.uid()).withPropagation(DeleteOptions.Propagation.Background));
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
