package dev.orc.reconciler.controller.job;

import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.model.Job;
import dev.orc.api.model.Pod;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.OwnerKeys;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.util.List;

/** Wires the Job controller: Job changes enqueue themselves, pod changes their Job. */
public final class JobController {
    public static final String NAME = "job";

    private JobController() {
    }

    public static Controller create(Informer<Job> jobs, Informer<Pod> pods, ApiClient client, EventRecorder events,
                                    InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        OwnerKeys.watch(jobs, Job.KIND, pods, queue::add);
        JobReconciler reconciler = new JobReconciler(ObjectCache.of(jobs), ObjectCache.of(pods), client, events,
                new Expectations(clock, Expectations.DEFAULT_TIMEOUT), clock);
        return new Controller(NAME, queue, reconciler, List.of(jobs, pods), workers);
    }
}
