package dev.orc.reconciler.controller.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.Event;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.api.model.ReplicaSet;
import dev.orc.reconciler.controller.ConflictException;
import dev.orc.reconciler.controller.EventRecorder;
import dev.orc.reconciler.controller.ObjectWriter;
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
    private final ObjectWriter writer;
    private final EventRecorder events;
    private final InstantSource clock;

    public DeploymentReconciler(ObjectCache<Deployment> deployments, ObjectCache<ReplicaSet> replicaSets, ObjectCache<Pod> pods,
                                ObjectWriter writer, EventRecorder events, InstantSource clock) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.writer = writer;
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
        ObjectNode updated = plan.deploymentUpdate() == null ? null
                : writer.update(ResourceTypes.DEPLOYMENT, plan.deploymentUpdate());
        if (plan.status() != null) {
            ObjectNode withStatus = updated == null ? deployment.copy() : updated.deepCopy();
            withStatus.set("status", Json.tree(plan.status()));
            writer.updateStatus(ResourceTypes.DEPLOYMENT, withStatus);
        }
        return plan.recheckAfter() == null ? Result.done() : Result.requeueAfter(plan.recheckAfter());
    }

    private void perform(Cached<Deployment> deployment, RolloutAction action) {
        switch (action) {
            case RolloutAction.Create create -> {
                try {
                    writer.create(ResourceTypes.REPLICA_SET, create.replicaSet());
                } catch (ConflictException e) {
                    throw e;
                } catch (RuntimeException e) {
                    events.record(ObjectReference.to(deployment.view()), Event.WARNING, "FailedCreate",
                            "Failed to create new replica set \"" + create.name() + "\": " + e.getMessage());
                    throw e;
                }
            }
            case RolloutAction.Update update -> writer.update(ResourceTypes.REPLICA_SET, update.replicaSet());
            case RolloutAction.Delete delete -> writer.delete(ResourceTypes.REPLICA_SET, deployment.view().namespace(),
                    delete.name(), delete.uid(), ObjectWriter.Propagation.BACKGROUND);
        }
    }
}
