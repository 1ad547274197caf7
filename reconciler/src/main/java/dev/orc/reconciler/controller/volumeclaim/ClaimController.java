package dev.orc.reconciler.controller.volumeclaim;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.TypedResource;
import dev.orc.api.client.WriteOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Volume;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.OwnerWrites;
import dev.orc.reconciler.controller.runtime.Controller;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Binds PersistentVolumeClaims and protects those in use ({@link ClaimPlanner}). A claim's change enqueues it, a
 * pod's change the claims its volumes name.
 */
public final class ClaimController implements Reconciler {
    public static final String NAME = "persistentvolumeclaim";

    private final ObjectCache<PersistentVolumeClaim> claims;
    private final ObjectCache<Pod> pods;
    private final ApiClient client;
    private final TypedResource<PersistentVolumeClaim> claimClient;

    ClaimController(ObjectCache<PersistentVolumeClaim> claims, ObjectCache<Pod> pods, ApiClient client) {
        this.claims = claims;
        this.pods = pods;
        this.client = client;
        this.claimClient = client.resource(PersistentVolumeClaim.class);
    }

    public static Controller create(Informer<PersistentVolumeClaim> claims, Informer<Pod> pods, ApiClient client,
                                    InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        claims.addHandler(EventHandler.enqueueOwnKey(queue::add));
        pods.addHandler(EventHandler.enqueue(pod -> claimsOf(pod.view())
                .forEach(claim -> queue.add(new ObjectKey(pod.namespace(), claim)))));
        return new Controller(NAME, queue, new ClaimController(ObjectCache.of(claims), ObjectCache.of(pods), client),
                List.of(claims, pods), workers);
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<PersistentVolumeClaim>> found = claims.get(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        boolean inUse = pods.list(key.namespace()).stream().map(Cached::view)
                .anyMatch(pod -> !finished(pod) && claimsOf(pod).anyMatch(key.name()::equals));
        ClaimPlan plan = ClaimPlanner.plan(found.get().view(), inUse);
        ObjectNode claim = found.get().copy();
        if (plan.finalizers().isPresent()) {
            claim.withObjectProperty("metadata").set("finalizers", Json.tree(plan.finalizers().get()));
            claim = client.update(ResourceTypes.PERSISTENT_VOLUME_CLAIM, key.namespace(), claim, WriteOptions.defaults());
        }
        if (plan.status().isPresent()) {
            OwnerWrites.statusIfChanged(claimClient, claim, plan.status().get());
        }
        return Result.done();
    }

    /** The claims a pod's volumes name. */
    static Stream<String> claimsOf(Pod pod) {
        if (pod.spec() == null) {
            return Stream.empty();
        }
        return pod.spec().volumes().stream().map(Volume::persistentVolumeClaim).filter(source -> source != null)
                .map(Volume.ClaimSource::claimName).filter(name -> name != null);
    }

    private static boolean finished(Pod pod) {
        return PodStatus.SUCCEEDED.equals(pod.phase()) || PodStatus.FAILED.equals(pod.phase());
    }
}
