package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.TypedResource;
import dev.orc.api.json.Json;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.Event;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;
import java.util.Optional;

/**
 * Reconciles one Deployment: reads it, its namespace's ReplicaSets and pods from the caches, plans one rollout
 * step, writes the ReplicaSets, then the Deployment's revision annotation, then its status last. A failed write
 * ends the pass; the queue retries with backoff and the next pass re-reads.
 */
public final class DeploymentReconciler implements Reconciler {
    private final ObjectCache<Deployment> deployments;
    private final ObjectCache<ReplicaSet> replicaSets;
    private final ObjectCache<Pod> pods;
    private final TypedResource<Deployment> deploymentClient;
    private final TypedResource<ReplicaSet> replicaSetClient;
    private final EventRecorder events;
    private final InstantSource clock;

    public DeploymentReconciler(ObjectCache<Deployment> deployments, ObjectCache<ReplicaSet> replicaSets, ObjectCache<Pod> pods,
                                ApiClient client, EventRecorder events, InstantSource clock) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.deploymentClient = client.resource(Deployment.class);
        this.replicaSetClient = client.resource(ReplicaSet.class);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<Deployment>> found = deployments.get(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        Cached<Deployment> deployment = found.get();
        RolloutPlan plan = DeploymentPlanner.plan(deployment, replicaSets.list(key.namespace()), pods.list(key.namespace()),
                clock.instant());
        for (RolloutAction action : plan.actions()) {
            perform(deployment, action);
            action.events().forEach(message ->
                    events.record(ObjectReference.to(deployment.view()), Event.NORMAL, "ScalingReplicaSet", message));
        }
        Deployment updated = plan.deploymentUpdate() == null ? null : deploymentClient.update(plan.deploymentUpdate());
        if (plan.status() != null) {
            ObjectNode withStatus = deployment.copy();
            if (updated != null) {
                withStatus.withObjectProperty("metadata").put("resourceVersion", updated.metadata().resourceVersion());
            }
            withStatus.set("status", Json.tree(plan.status()));
            deploymentClient.updateStatus(withStatus);
        }
        return plan.recheckAfter() == null ? Result.done() : Result.requeueAfter(plan.recheckAfter());
    }

    private void perform(Cached<Deployment> deployment, RolloutAction action) {
        switch (action) {
            case RolloutAction.Create create -> {
                try {
                    replicaSetClient.create(create.replicaSet());
                } catch (RuntimeException e) {
                    if (e instanceof ApiException api && api.isConflict()) {
                        throw e;
                    }
                    events.record(ObjectReference.to(deployment.view()), Event.WARNING, "FailedCreate",
                            "Failed to create new replica set \"" + create.name() + "\": " + e.getMessage());
                    throw e;
                }
            }
            case RolloutAction.Update update -> replicaSetClient.update(update.replicaSet());
            case RolloutAction.Delete delete -> replicaSetClient.deleteIfPresent(deployment.view().namespace(),
                    delete.name(), DeleteOptions.defaults().withPreconditionUid(delete.uid())
                            .withPropagation(DeleteOptions.Propagation.Background));
        }
    }
}
