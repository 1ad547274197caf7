package dev.orc.reconciler.controller;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.KubeObject;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The creates and deletes a controller made that its cache has not shown yet, by owner key and object name
 * (Kubernetes' ControllerExpectations, by name instead of by count). While any is pending, the owner's cache view
 * is stale and the controller must not create or delete more; each expectation lapses after a timeout so a lost
 * event cannot block an owner for ever. The work queue runs one key at a time, so an owner's expectations are only
 * touched by one thread at once.
 */
public final class Expectations {
    /** Kubernetes' ExpectationsTimeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final InstantSource clock;
    private final Duration timeout;
    private final Map<ObjectKey, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(Map<String, Instant> creates, Map<String, Instant> deletes) {
        boolean isEmpty() {
            return creates.isEmpty() && deletes.isEmpty();
        }
    }

    public Expectations(InstantSource clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public void expectCreated(ObjectKey owner, String name) {
        entry(owner).creates().put(name, clock.instant().plus(timeout));
    }

    public void expectDeleted(ObjectKey owner, String name) {
        entry(owner).deletes().put(name, clock.instant().plus(timeout));
    }

    /**
     * Settles what the cache now shows — created objects present, deleted objects absent or terminating
     * ({@code observed} are the objects in the cache) — and drops lapsed expectations. Returns how long until the
     * earliest remaining one lapses, or empty when none remains.
     */
    public Optional<Duration> pendingAfterObserving(ObjectKey owner, Collection<? extends KubeObject> observed) {
        Set<String> present = observed.stream().map(KubeObject::name).collect(Collectors.toSet());
        Set<String> terminating = observed.stream().filter(o -> o.metadata().deleting()).map(KubeObject::name)
                .collect(Collectors.toSet());
        return pendingAfterObserving(owner, present, terminating);
    }

    private Optional<Duration> pendingAfterObserving(ObjectKey owner, Set<String> present, Set<String> terminating) {
        Pending entry = pending.get(owner);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        entry.creates().entrySet().removeIf(e -> present.contains(e.getKey()) || !e.getValue().isAfter(now));
        entry.deletes().entrySet().removeIf(e -> !present.contains(e.getKey()) || terminating.contains(e.getKey())
                || !e.getValue().isAfter(now));
        if (entry.isEmpty()) {
            pending.remove(owner);
            return Optional.empty();
        }
        Instant earliest = Stream.concat(entry.creates().values().stream(), entry.deletes().values().stream())
                .min(Instant::compareTo).orElse(now);
        return Optional.of(Duration.between(now, earliest));
    }

    /** The owner is gone: nothing of it is pending any more. */
    public void forget(ObjectKey owner) {
        pending.remove(owner);
    }

    private Pending entry(ObjectKey owner) {
        return pending.computeIfAbsent(owner, k -> new Pending(new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
    }
}
