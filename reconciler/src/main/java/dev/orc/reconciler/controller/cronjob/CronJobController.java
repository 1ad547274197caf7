package dev.orc.reconciler.controller.cronjob;

import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.model.CronJob;
import dev.orc.api.model.Job;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.OwnerKeys;
import dev.orc.reconciler.controller.runtime.Controller;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;

/**
 * Wires the CronJob controller: CronJob changes enqueue themselves, Job changes their CronJob; each reconcile asks
 * to come back at the next scheduled time.
 */
public final class CronJobController {
    public static final String NAME = "cronjob";

    private CronJobController() {
    }

    public static Controller create(Informer<CronJob> cronJobs, Informer<Job> jobs,
                                    ApiClient client, EventRecorder events, InstantSource clock, ZoneId localZone,
                                    int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        OwnerKeys.watch(cronJobs, CronJob.KIND, jobs, queue::add);
        CronJobReconciler reconciler = new CronJobReconciler(ObjectCache.of(cronJobs), ObjectCache.of(jobs),
                client, events, clock, localZone);
        return new Controller(NAME, queue, reconciler, List.of(cronJobs, jobs), workers);
    }
}
