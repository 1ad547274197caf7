package dev.orc.reconciler.join;

import dev.orc.api.wait.Backoff;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.LeaseNotFoundException;
import dev.orc.reconciler.store.PrivateFiles;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import dev.orc.reconciler.store.encryption.EncryptingStore;
import dev.orc.reconciler.store.encryption.EncryptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a server of a cluster on the cluster's current encryption keys: it watches the sealed shared files, and when
 * their keys change (a rotation) it writes them to the data directory and has the server's store use them at once.
 * It then says which keys it holds under {@link #LOADED_PREFIX}{@code <identity>}, on a lease of its own, so a
 * rotation waits for every running server and a stopped server drops out. Level-triggered: every (re)watch first
 * loads what the store holds now. All its work runs on one thread.
 */
public final class KeyFollower implements AutoCloseable {
    public static final String LOADED_PREFIX = "/orc/bootstrap/encryption-keys-loaded/";
    private static final Logger LOG = LoggerFactory.getLogger(KeyFollower.class);
    private static final Duration LOADED_LEASE = Duration.ofSeconds(15);
    private static final Duration RENEWAL = Duration.ofSeconds(5);
    private static final Backoff RETRY = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(30));

    private final Store store;
    private final EncryptingStore encrypting;
    private final String token;
    private final Path keyFile;
    private final String identity;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("orc-key-follower").factory());
    private final Backoff.Failures failures = RETRY.failures();
    private Watch watch;
    private long lease;

    private KeyFollower(Store store, EncryptingStore encrypting, String token, Path dataDir, String identity) {
        this.store = store;
        this.encrypting = encrypting;
        this.token = token;
        this.keyFile = dataDir.resolve(EncryptionKeys.FILE);
        this.identity = identity;
    }

    /** Follows the cluster's keys in {@code store} for {@code encrypting}, a server known as {@code identity}. */
    public static KeyFollower start(Store store, EncryptingStore encrypting, String token, Path dataDir, String identity) {
        KeyFollower follower = new KeyFollower(store, encrypting, token, dataDir, identity);
        follower.thread.execute(follower::follow);
        follower.thread.scheduleWithFixedDelay(follower::renew, RENEWAL.toMillis(), RENEWAL.toMillis(), TimeUnit.MILLISECONDS);
        return follower;
    }

    private void follow() {
        try {
            if (watch == null) {
                watch = store.watch(ClusterJoin.KEY, store.currentRevision(), new WatchListener() {
                    @Override
                    public void onEvent(WatchEvent event) {
                        if (event.type() == WatchEvent.Type.PUT && event.kv().key().equals(ClusterJoin.KEY)) {
                            run(KeyFollower.this::loadOrRetry);
                        }
                    }

                    @Override
                    public void onError(StoreException error) {
                        run(() -> retry("the watch of the cluster's keys ended: " + error.getMessage()));
                    }
                });
            }
            load();
            failures.reset();
        } catch (RuntimeException e) {
            retry(e.getMessage());
        }
    }

    private void loadOrRetry() {
        try {
            load();
        } catch (RuntimeException e) {
            retry(e.getMessage());
        }
    }

    private void retry(String why) {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        Duration wait = failures.next();
        LOG.warn("following the cluster's encryption keys failed ({} in a row), again in {} ms: {}", failures.count(),
                wait.toMillis(), why);
        try {
            thread.schedule(this::follow, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    private void load() {
        EncryptionKeys keys = SealedKeys.read(store, token).keys();
        if (!keys.fingerprint().equals(encrypting.keys().fingerprint())) {
            try {
                PrivateFiles.write(keyFile, keys.text());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + keyFile + ": " + e.getMessage(), e);
            }
            encrypting.useKeys(keys);
            LOG.info("the cluster's encryption keys changed: now {}, new writes under {}", keys.names(), keys.primaryName());
        }
        sayLoaded(keys.fingerprint());
    }

    private void sayLoaded(String fingerprint) {
        if (lease == 0) {
            lease = store.grantLease(LOADED_LEASE);
        }
        String key = LOADED_PREFIX + identity;
        byte[] value = fingerprint.getBytes(StandardCharsets.UTF_8);
        Optional<KeyValue> said = store.get(key);
        if (said.isEmpty()) {
            store.create(key, value, lease);
        } else {
            store.update(key, value, said.get().modRevision(), lease);
        }
    }

    private void renew() {
        try {
            if (lease != 0) {
                store.keepAlive(lease);
            }
        } catch (LeaseNotFoundException expired) {
            lease = 0;
            loadOrRetry();
        } catch (RuntimeException e) {
            LOG.debug("renewing the lease of this server's key record failed: {}", e.getMessage());
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    /** Stops following; the record of this server's keys goes with its lease. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (watch != null) {
            watch.close();
        }
        if (lease != 0) {
            try {
                store.revokeLease(lease);
            } catch (RuntimeException e) {
                LOG.debug("revoking the lease of this server's key record failed; it expires: {}", e.getMessage());
            }
        }
    }
}
