package dev.orc.reconciler.controller.statefulset;

import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.TypedResource;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.record.EventRecorder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ControllerRevision;
import dev.orc.api.model.Event;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Pod;
import dev.orc.api.model.StatefulSet;
import dev.orc.reconciler.controller.Expectations;
import dev.orc.reconciler.controller.OwnedPods;
import dev.orc.reconciler.controller.OwnerWrites;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;
import java.util.List;

/**
 * Reconciles one StatefulSet: reads it, its pods, the claims and revisions of its namespace from the caches, plans,
 * then writes revisions, claims (before the pods that mount them), pods, expired history and, last, the status if
 * it changed. While pod creates or deletes it made are not yet in the cache, it only waits.
 */
public final class StatefulSetReconciler implements Reconciler {
    private final OwnedPods<StatefulSet> owned;
    private final ObjectCache<PersistentVolumeClaim> claims;
    private final ObjectCache<ControllerRevision> revisions;
    private final ApiClient client;
    private final TypedResource<StatefulSet> setClient;
    private final TypedResource<ControllerRevision> revisionClient;
    private final TypedResource<PersistentVolumeClaim> claimClient;
    private final EventRecorder events;
    private final OwnerWrites writes;
    private final InstantSource clock;

    public StatefulSetReconciler(ObjectCache<StatefulSet> sets, ObjectCache<Pod> pods,
                                 ObjectCache<PersistentVolumeClaim> claims, ObjectCache<ControllerRevision> revisions,
                                 ApiClient client, EventRecorder events, Expectations expectations,
                                 InstantSource clock) {
        this.owned = new OwnedPods<>(sets, pods, expectations);
        this.claims = claims;
        this.revisions = revisions;
        this.client = client;
        this.setClient = client.resource(StatefulSet.class);
        this.revisionClient = client.resource(ControllerRevision.class);
        this.claimClient = client.resource(PersistentVolumeClaim.class);
        this.events = events;
        this.writes = new OwnerWrites(client, events, expectations);
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        return owned.reconcile(key, (set, pods) -> reconcile(key, set, pods));
    }

    private Result reconcile(ObjectKey key, ObjectNode set, List<Pod> pods) {
        StatefulSetPlan plan = StatefulSetPlanner.plan(set, pods,
                claims.list(key.namespace()).stream().map(Cached::view).toList(),
                revisions.list(key.namespace()).stream().map(Cached::view).toList(), clock.instant());
        ObjectReference owner = ObjectReference.of(set);
        for (ObjectNode revision : plan.revisionCreates()) {
            createIfAbsent(ResourceTypes.CONTROLLER_REVISION, revision);
        }
        for (ObjectNode revision : plan.revisionUpdates()) {
            revisionClient.update(revision);
        }
        for (ObjectNode claim : plan.claimCreates()) {
            if (createIfAbsent(ResourceTypes.PERSISTENT_VOLUME_CLAIM, claim)) {
                events.record(owner, Event.NORMAL, "SuccessfulCreate", "create Claim "
                        + claim.path("metadata").path("name").asText() + " in StatefulSet " + key.name() + " success");
            }
        }
        for (ObjectNode claim : plan.claimUpdates()) {
            claimClient.update(claim);
        }
        writes.createPods(key, owner, plan.podCreates(), pod -> " in StatefulSet " + key.name());
        writes.deletePods(key, owner, plan.podDeletes().stream().map(OwnerWrites.PodRef::of).toList());
        for (String revision : plan.revisionDeletes()) {
            revisionClient.deleteIfPresent(key.namespace(), revision,
                    DeleteOptions.defaults().withPropagation(DeleteOptions.Propagation.Background));
        }
        OwnerWrites.statusIfChanged(setClient, set, plan.status());
        return plan.recheckAfter().map(Result::requeueAfter).orElse(Result.done());
    }

    /** Creates the object; one of that name already there (a cache that lags) is not an error. */
    private boolean createIfAbsent(ResourceType type, ObjectNode object) {
        try {
            client.resource(type).create(object);
            return true;
        } catch (ApiException e) {
            if (e.isAlreadyExists()) {
                return false;
            }
            throw e;
        }
    }
}
