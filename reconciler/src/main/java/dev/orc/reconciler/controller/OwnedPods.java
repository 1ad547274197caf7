package dev.orc.reconciler.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Pod;
import dev.orc.reconciler.controller.runtime.ObjectKey;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a reconcile of a pod owner (a Job, a DaemonSet) begins: reads the owner from its cache — gone, its
 * expectations are forgotten; being deleted, there is nothing to do — then the pods it controls, and settles its
 * expectations against them. While creates or deletes it made are not yet in the cache, the pass only waits.
 */
public final class OwnedPods {
    private final ObjectCache owners;
    private final ObjectCache pods;
    private final Expectations expectations;

    /** How the pass goes on: with the owner and its pods, or not at all. */
    public sealed interface Start permits Proceed, Stop {
    }

    /** The owner as the cache has it, and the pods whose controller it is. */
    public record Proceed(ObjectNode owner, List<Pod> pods) implements Start {
        public Proceed {
            pods = List.copyOf(pods);
        }

        public String uid() {
            return owner.path("metadata").path("uid").asText();
        }
    }

    /** The pass ends here with {@code result}. */
    public record Stop(Result result) implements Start {
    }

    public OwnedPods(ObjectCache owners, ObjectCache pods, Expectations expectations) {
        this.owners = owners;
        this.pods = pods;
        this.expectations = expectations;
    }

    public Start read(ObjectKey key) {
        Optional<ObjectNode> found = owners.get(key);
        if (found.isEmpty()) {
            expectations.forget(key);
            return new Stop(Result.done());
        }
        ObjectNode owner = found.get();
        if (owner.path("metadata").hasNonNull("deletionTimestamp")) {
            return new Stop(Result.done());
        }
        String uid = owner.path("metadata").path("uid").asText();
        List<Pod> owned = pods.list(key.namespace()).stream().map(p -> Json.convert(p, Pod.class))
                .filter(p -> ControllerRefs.controlledBy(p.metadata(), uid)).toList();
        Optional<Duration> pending = expectations.pendingAfterObserving(key, owned);
        if (pending.isPresent()) {
            return new Stop(Result.requeueAfter(pending.get()));
        }
        return new Proceed(owner, owned);
    }
}
