package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.LeaseNotFoundException;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.etcd.EtcdCalls.EtcdFailure;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.lease.NoSuchLeaseException;

import java.time.Duration;

/** etcd's leases, with "no such lease" in any of etcd's forms turned into {@link LeaseNotFoundException}. */
final class EtcdLeases {
    private final Lease leases;
    private final EtcdCalls calls;

    EtcdLeases(Lease leases, EtcdCalls calls) {
        this.leases = leases;
        this.calls = calls;
    }

    /** etcd counts lease TTLs in whole seconds (and raises very short ones to its own minimum). */
    long grant(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("lease TTL must be positive, got " + ttl);
        }
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        return calls.await(leases.grant(seconds), "a lease grant").getID();
    }

    void keepAlive(long lease) {
        LeaseKeepAliveResponse r;
        try {
            r = calls.await(leases.keepAliveOnce(lease), "keep-alive of lease " + lease);
        } catch (EtcdFailure e) {
            throw failure(lease, e);
        }
        if (r.getTTL() <= 0) {
            throw new LeaseNotFoundException(lease);
        }
    }

    void revoke(long lease) {
        try {
            calls.await(leases.revoke(lease), "revoke of lease " + lease);
        } catch (EtcdFailure e) {
            throw failure(lease, e);
        }
    }

    static StoreException failure(long lease, EtcdFailure e) {
        return e.says("lease not found") || e.getCause() instanceof NoSuchLeaseException
                ? new LeaseNotFoundException(lease) : e;
    }
}
