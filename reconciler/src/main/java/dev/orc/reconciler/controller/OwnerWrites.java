package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.TypedResource;
import dev.orc.api.json.Json;
import dev.orc.api.model.Event;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Pod;
import dev.orc.api.record.EventRecorder;
import dev.orc.reconciler.controller.ParallelWrites.Done;
import dev.orc.reconciler.controller.ParallelWrites.Outcome;

import java.util.List;
import java.util.function.Function;

/**
 * What a pod owner's reconcile writes: its pod creates and deletes, in parallel, together with the expectations they
 * leave and the events that report them, and the owner's status, only when it changed.
 */
public final class OwnerWrites {
    private final TypedResource<Pod> podClient;
    private final EventRecorder events;
    private final Expectations expectations;

    public OwnerWrites(ApiClient client, EventRecorder events, Expectations expectations) {
        this.podClient = client.resource(Pod.class);
        this.events = events;
        this.expectations = expectations;
    }

    /**
     * Creates {@code pods} for {@code owner} in parallel slow-start batches ({@link ParallelWrites#slowStart}); each
     * event says "Created pod: name" followed by {@code detail} of the pod. Only the creates that succeeded are
     * expected, and their events come after all the creates. A failed create is reported as a {@code FailedCreate}
     * warning ("Error creating: ..."), as Kubernetes' controllers do, but for conflicts, which only retry. Then throws
     * (see {@link #reportFailures}): the creates after the failed batch were skipped.
     */
    public void createPods(ObjectKey key, ObjectReference owner, List<ObjectNode> pods,
                           Function<ObjectNode, String> detail) {
        Outcome<ObjectNode, Pod> outcome = ParallelWrites.slowStart(pods, podClient::create);
        List<Done<ObjectNode, Pod>> created = outcome.succeeded();
        created.forEach(done -> expectations.expectCreated(key, done.result().name()));
        created.forEach(done -> events.record(owner, Event.NORMAL, "SuccessfulCreate",
                "Created pod: " + done.result().name() + detail.apply(done.item())));
        reportFailures(owner, outcome, "FailedCreate", "Error creating: ");
    }

    /** A pod to delete: its name, and its uid as the deletion's precondition. */
    public record PodRef(String name, String uid) {
        public static PodRef of(Pod pod) {
            return new PodRef(pod.name(), pod.metadata().uid());
        }
    }

    /**
     * Deletes {@code pods} of {@code owner} all at once in parallel; a failure is reported as a {@code FailedDelete}
     * warning, then thrown (see {@link #reportFailures}).
     */
    public void deletePods(ObjectKey key, ObjectReference owner, List<PodRef> pods) {
        Outcome<PodRef, String> outcome = ParallelWrites.allAtOnce(pods, pod -> {
            podClient.deleteIfPresent(key.namespace(), pod.name(), DeleteOptions.defaults().withPreconditionUid(pod.uid())
                    .withPropagation(DeleteOptions.Propagation.Background));
            return pod.name();
        });
        List<String> names = outcome.succeeded().stream().map(Done::result).toList();
        names.forEach(name -> expectations.expectDeleted(key, name));
        names.forEach(name -> events.record(owner, Event.NORMAL, "SuccessfulDelete",
                "Deleted pod: " + name));
        reportFailures(owner, outcome, "FailedDelete", "Error deleting: ");
    }

    /**
     * Ends the pass if a write failed: each failure but a conflict is reported as an event and the first of them
     * thrown as {@link PodWritesFailed}; when only conflicts failed, the first is thrown as it is and the pass just
     * starts over.
     */
    private void reportFailures(ObjectReference owner, Outcome<?, ?> outcome, String reason, String messagePrefix) {
        List<RuntimeException> errors = outcome.failed().stream().map(ParallelWrites.Failed::error).toList();
        List<RuntimeException> reported = errors.stream().filter(e -> !(e instanceof ApiException api && api.isConflict())).toList();
        reported.forEach(e -> events.record(owner, Event.WARNING, reason,
                messagePrefix + e.getMessage()));
        if (!reported.isEmpty()) {
            throw new PodWritesFailed(reason, reported.getFirst());
        }
        if (!errors.isEmpty()) {
            throw errors.getFirst();
        }
    }

    /** A pod create or delete of an owner failed: {@code reason} is FailedCreate or FailedDelete. */
    public static final class PodWritesFailed extends RuntimeException {
        private final String reason;

        PodWritesFailed(String reason, RuntimeException failure) {
            super(failure.getMessage(), failure);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }

        /** The write's own failure. */
        public RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    /** Writes {@code status} onto a copy of {@code owner} through {@code owners}, unless the owner already has it. */
    public static void statusIfChanged(TypedResource<? extends KubeObject> owners, ObjectNode owner, Object status) {
        JsonNode tree = Json.tree(status);
        if (!Json.same(tree, owner.path("status"))) {
            ObjectNode copy = owner.deepCopy();
            copy.set("status", tree);
            owners.updateStatus(copy);
        }
    }
}
