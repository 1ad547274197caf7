package dev.orc.reconciler.apiserver.registry;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Events expire as kube-apiserver's {@code --event-ttl} makes them: every write of an Event attaches it to a store
 * lease, so the store deletes it (with a delete event for watchers) about an hour after its last change. One lease
 * serves all the Events written within a sixtieth of the TTL (a minute for an hour) of its grant, and lives that much
 * longer than the TTL, so an Event never goes before its TTL and the store holds about sixty leases, not one per
 * Event.
 */
final class EventLeases {
    static final Duration EVENT_TTL = Duration.ofHours(1);

    private final Store store;
    private final Clock clock;
    private final Duration ttl;
    private final Duration reuse;
    private long lease;
    private Instant grantedAt;

    EventLeases(Store store, Clock clock, Duration ttl) {
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
        this.reuse = ttl.dividedBy(60);
    }

    /** The lease a write of {@code type} attaches its object to: 0 (none) but for Events. */
    synchronized long leaseFor(ResourceType type) {
        if (type != ResourceTypes.EVENT) {
            return 0;
        }
        Instant now = clock.instant();
        if (grantedAt == null || !now.isBefore(grantedAt.plus(reuse))) {
            lease = store.grantLease(ttl.plus(reuse));
            grantedAt = now;
        }
        return lease;
    }

    /** The store no longer knows {@code expired} (it was wiped or restored): the next write gets a new lease. */
    synchronized void forget(long expired) {
        if (lease == expired) {
            grantedAt = null;
        }
    }
}
