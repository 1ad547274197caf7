package dev.orc.reconciler.apiserver;

import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One server's place among the endpoints of the {@code default/kubernetes} Service, held as kube-apiserver's lease
 * endpoint reconciler holds it: a store key naming {@code address:port} on a lease the server renews, and at every
 * renewal the Endpoints set to exactly the servers whose keys are alive. A server that dies without withdrawing
 * drops out of the Endpoints within the lease's TTL, at the next renewal of any other server; one that stops gives
 * its key back and takes itself out at once.
 */
final class ServerEndpointLease implements AutoCloseable {
    static final String PREFIX = "/orc/apiservers/";
    private static final Logger LOG = LoggerFactory.getLogger(ServerEndpointLease.class);

    /** How long a key outlives its server ({@code ttl}), and how often a live server renews it. */
    record Timing(Duration ttl, Duration renewEvery) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(5));

        Timing {
            if (renewEvery.isZero() || renewEvery.isNegative() || renewEvery.compareTo(ttl) >= 0) {
                throw new IllegalArgumentException("the renewal interval " + renewEvery
                        + " must be positive and shorter than the lease's TTL " + ttl);
            }
        }
    }

    private final Store store;
    private final ObjectRegistry registry;
    private final KubernetesService.Address address;
    private final Timing timing;
    private final ScheduledExecutorService renewals;
    private long lease;

    private ServerEndpointLease(Store store, ObjectRegistry registry, KubernetesService.Address address, Timing timing) {
        this.store = store;
        this.registry = registry;
        this.address = address;
        this.timing = timing;
        this.renewals = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("orc-endpoint-lease").factory());
    }

    /** Takes the key and lists this server now (a failure here is the caller's), then renews in the background. */
    static ServerEndpointLease start(Store store, ObjectRegistry registry, KubernetesService.Address address,
                                     Timing timing) {
        ServerEndpointLease held = new ServerEndpointLease(store, registry, address, timing);
        held.renew();
        long every = timing.renewEvery().toMillis();
        held.renewals.scheduleWithFixedDelay(held::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        return held;
    }

    private synchronized void renew() {
        hold();
        KubernetesService.setEndpoints(registry, alive());
    }

    private void renewQuietly() {
        try {
            renew();
        } catch (RuntimeException e) {
            LOG.warn("cannot renew this server's place among the endpoints of the kubernetes Service ({}); retrying"
                    + " in {} s", e.getMessage(), timing.renewEvery().toSeconds());
        }
    }

    /** Keeps the lease alive; when it was lost (the store was away longer than its TTL), takes a new one. */
    private void hold() {
        if (lease != 0) {
            try {
                store.keepAlive(lease);
                if (store.get(key()).isPresent()) {
                    return;
                }
            } catch (StoreException expired) {
                lease = 0;
            }
        }
        if (lease == 0) {
            lease = store.grantLease(timing.ttl());
        }
        byte[] value = address.text().getBytes(StandardCharsets.UTF_8);
        var existing = store.get(key());
        if (existing.isPresent()) {
            store.update(key(), value, existing.get().modRevision(), lease);
        } else {
            store.create(key(), value, lease);
        }
    }

    private List<KubernetesService.Address> alive() {
        List<KubernetesService.Address> addresses = new ArrayList<>();
        store.scan(PREFIX, 500, (KeyValue kv) -> KubernetesService.Address.parse(
                new String(kv.value(), StandardCharsets.UTF_8)).ifPresent(addresses::add));
        return addresses;
    }

    private String key() {
        return PREFIX + address.text();
    }

    /** Stops renewing, gives the key back and takes this server out of the Endpoints. */
    @Override
    public void close() {
        renewals.shutdownNow();
        try {
            renewals.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                if (lease != 0) {
                    store.revokeLease(lease);
                }
                KubernetesService.setEndpoints(registry, alive());
            } catch (RuntimeException e) {
                LOG.warn("cannot take {} out of the endpoints of the kubernetes Service: {}", address.text(),
                        e.getMessage());
            }
        }
    }
}
