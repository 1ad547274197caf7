package dev.orc.reconciler.leader;

import dev.orc.reconciler.store.KeyExistsException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.LeaseNotFoundException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An election on the store's leases, as etcd's own election recipe holds it: the winner creates the election key
 * under a fresh lease (create-if-absent, one transaction) and keeps the lease alive; when the lease ends, the key
 * goes with it and the next create wins. Keys live under {@code /orc/election/}, outside the API's {@code /registry/}.
 */
public final class StoreElection implements ElectionBackend {
    public static final String PREFIX = "/orc/election/";

    private final Store store;
    private final String key;
    private final String identity;
    private final Duration leaseDuration;

    public StoreElection(Store store, String name, String identity, Duration leaseDuration) {
        this.store = store;
        this.key = PREFIX + name;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
    }

    @Override
    public Optional<Term> tryAcquire() {
        if (store.get(key).isPresent()) {
            return Optional.empty();
        }
        long lease = store.grantLease(leaseDuration);
        try {
            KeyValue won = store.create(key, identity.getBytes(StandardCharsets.UTF_8), lease);
            return Optional.of(new Term(key, identity, lease, won.createRevision()));
        } catch (KeyExistsException lost) {
            store.revokeLease(lease);
            return Optional.empty();
        }
    }

    @Override
    public boolean renew(Term term) {
        try {
            store.keepAlive(term.lease());
        } catch (LeaseNotFoundException gone) {
            return false;
        }
        return store.get(key).filter(kv -> kv.createRevision() == term.epoch()).isPresent();
    }

    @Override
    public void resign(Term term) {
        try {
            store.revokeLease(term.lease());
        } catch (LeaseNotFoundException gone) {
            // already over
        }
    }

    @Override
    public VacancyWatch watchVacancy(Runnable onVacant) {
        AtomicBoolean alive = new AtomicBoolean(true);
        Watch watch = store.watch(key, store.currentRevision(), new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                if (event.type() == WatchEvent.Type.DELETE && event.kv().key().equals(key)) {
                    onVacant.run();
                }
            }

            @Override
            public void onError(StoreException error) {
                alive.set(false);
            }
        });
        return new VacancyWatch() {
            @Override
            public boolean alive() {
                return alive.get();
            }

            @Override
            public void close() {
                alive.set(false);
                watch.close();
            }
        };
    }
}
