package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a reconcile of a pod owner (a Job, a DaemonSet) begins: reads the owner from its cache — gone, its
 * expectations are forgotten; being deleted, there is nothing to do — then the pods it controls, and settles its
 * expectations against them. While creates or deletes it made are not yet in the cache, the pass only waits.
 */
public final class OwnedPods<O extends KubeObject> {
    private final ObjectCache<O> owners;
    private final ObjectCache<Pod> pods;
    private final Expectations expectations;

    /** The rest of the pass, given a copy of the owner to base writes on and the pods whose controller it is. */
    @FunctionalInterface
    public interface Pass {
        Result reconcile(ObjectNode owner, List<Pod> pods);
    }

    public OwnedPods(ObjectCache<O> owners, ObjectCache<Pod> pods, Expectations expectations) {
        this.owners = owners;
        this.pods = pods;
        this.expectations = expectations;
    }

    /** Runs {@code pass} on the owner and its pods, unless the reconcile of {@code key} ends before it. */
    public Result reconcile(ObjectKey key, Pass pass) {
        Optional<Cached<O>> found = owners.get(key);
        if (found.isEmpty()) {
            expectations.forget(key);
            return Result.done();
        }
        Cached<O> owner = found.get();
        if (owner.view().metadata().deleting()) {
            return Result.done();
        }
        List<Pod> owned = pods.controlledBy(key.namespace(), owner.uid()).stream().map(Cached::view).toList();
        Optional<Duration> pending = expectations.pendingAfterObserving(key, owned);
        if (pending.isPresent()) {
            return Result.requeueAfter(pending.get());
        }
        return pass.reconcile(owner.copy(), owned);
    }
}
