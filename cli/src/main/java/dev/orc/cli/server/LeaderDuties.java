package dev.orc.cli.server;

import dev.orc.api.client.ApiClient;
import dev.orc.api.wait.MonotonicClock;
import dev.orc.api.wait.Periodic;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import dev.orc.reconciler.gitops.GitOpsPolicy;
import dev.orc.reconciler.gitops.Impersonation;
import dev.orc.reconciler.leader.LeaderWork;
import dev.orc.reconciler.manager.ControllerManager;
import dev.orc.reconciler.services.AllocationRepair;
import dev.orc.reconciler.store.PeriodicCompaction;
import dev.orc.reconciler.store.Store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the elected server runs: the controller manager (controllers, scheduler, node lifecycle, GitOps) over the
 * term's fenced client (GitSources acting as their service accounts through {@code impersonation}), the repair of Service IP and port claims every {@link #REPAIR_INTERVAL} (as
 * kube-apiserver's), and, when {@code compaction} is not zero, the periodic compaction of the store (etcd keeps
 * every revision until told; SQLite compacts itself). A start that fails or is interrupted leaves nothing running.
 */
record LeaderDuties(Store store, Path dataDir, NodeLifecycleConfig nodeLifecycle, Duration compaction,
                    GitOpsPolicy gitops, Impersonation impersonation) implements LeaderWork {
    static final Duration REPAIR_INTERVAL = Duration.ofMinutes(3);

    @Override
    public AutoCloseable start(ApiClient fenced) throws InterruptedException {
        ControllerManager controllers = new ControllerManager(fenced, dataDir, MonotonicClock.system(), nodeLifecycle,
                gitops, impersonation);
        try {
            controllers.start();
            AllocationRepair repair = new AllocationRepair(store);
            Periodic repairs = Periodic.start("orc-allocation-repair", REPAIR_INTERVAL, repair::runOnce);
            PeriodicCompaction compactions = compaction.isZero() ? null : PeriodicCompaction.start(store, compaction);
            return () -> {
                if (compactions != null) {
                    compactions.close();
                }
                repairs.close();
                controllers.close();
            };
        } catch (RuntimeException | InterruptedException e) {
            controllers.close();
            throw e;
        }
    }
}
