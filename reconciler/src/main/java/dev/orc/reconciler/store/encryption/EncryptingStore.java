package dev.orc.reconciler.store.encryption;

import dev.orc.reconciler.store.KeyNotFoundException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Page;
import dev.orc.reconciler.store.RevisionConflictException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A store that keeps the values under some prefixes (Secrets) encrypted in the backend and plain for its
 * callers. Everything else passes through unchanged. A plain value under those prefixes is refused on every read
 * ({@link UnencryptedValueException}), a watch's included. Its keys can be replaced while it runs ({@link #useKeys}),
 * and {@link #rewriteUnderPrimaryKey} re-encrypts what older keys wrote, as a key rotation needs.
 */
public final class EncryptingStore implements Store {
    private static final int PAGE = 100;

    private final Store backend;
    private volatile ValueCipher cipher;
    private final List<String> prefixes;

    public EncryptingStore(Store backend, EncryptionKeys keys, List<String> prefixes) {
        this.backend = backend;
        this.cipher = new ValueCipher(keys);
        this.prefixes = List.copyOf(prefixes);
    }

    /** The keys in use. */
    public EncryptionKeys keys() {
        return cipher.keys();
    }

    /** From now on writes use {@code keys}' primary key, and reads decrypt with any of {@code keys}. */
    public void useKeys(EncryptionKeys keys) {
        cipher = new ValueCipher(keys);
    }

    /**
     * Writes again, under the primary key, every encrypted value that another key sealed; each write is
     * conditional on the value not having changed meanwhile (a value changed meanwhile was written under the
     * primary key already). Returns how many values were rewritten.
     */
    public int rewriteUnderPrimaryKey() {
        int[] rewritten = {0};
        for (String prefix : prefixes) {
            backend.scan(prefix, PAGE, stored -> {
                if (underPrimaryKey(stored) || plain(stored)) {
                    return;
                }
                try {
                    backend.update(stored.key(), seal(stored.key(), open(stored).value()), stored.modRevision(),
                            stored.lease());
                    rewritten[0]++;
                } catch (RevisionConflictException | KeyNotFoundException changedMeanwhile) {
                    // written (or deleted) since the scan read it, by a server already using the primary key
                }
            });
        }
        return rewritten[0];
    }

    /** The keys of values sealed with a key other than the primary one. */
    public List<String> notUnderPrimaryKey() {
        return keysOf(stored -> !underPrimaryKey(stored) && !plain(stored));
    }

    /** The keys of plain values, which reads refuse: none unless something wrote to the backend past this store. */
    public List<String> unencrypted() {
        return keysOf(EncryptingStore::plain);
    }

    private List<String> keysOf(Predicate<KeyValue> wanted) {
        List<String> keys = new ArrayList<>();
        for (String prefix : prefixes) {
            backend.scan(prefix, PAGE, stored -> {
                if (wanted.test(stored)) {
                    keys.add(stored.key());
                }
            });
        }
        return keys;
    }

    private boolean underPrimaryKey(KeyValue stored) {
        return empty(stored) || ValueCipher.keyName(stored.value()).filter(cipher.keys().primaryName()::equals).isPresent();
    }

    private static boolean plain(KeyValue stored) {
        return !empty(stored) && ValueCipher.keyName(stored.value()).isEmpty();
    }

    private static boolean empty(KeyValue stored) {
        return stored.value() == null || stored.value().length == 0;
    }

    private boolean encrypted(String key) {
        for (String prefix : prefixes) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private byte[] seal(String key, byte[] value) {
        return encrypted(key) ? cipher.encrypt(key, value) : value;
    }

    private KeyValue open(KeyValue kv) {
        if (kv == null || !encrypted(kv.key()) || kv.value() == null || kv.value().length == 0) {
            return kv;
        }
        return new KeyValue(kv.key(), cipher.decrypt(kv.key(), kv.value()), kv.createRevision(), kv.modRevision(),
                kv.version(), kv.lease());
    }

    private static KeyValue withValue(KeyValue kv, byte[] value) {
        return new KeyValue(kv.key(), value, kv.createRevision(), kv.modRevision(), kv.version(), kv.lease());
    }

    @Override
    public long currentRevision() {
        return backend.currentRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return backend.get(key).map(this::open);
    }

    @Override
    public Page list(String prefix, ListOptions options) {
        Page page = backend.list(prefix, options);
        return new Page(page.items().stream().map(this::open).toList(), page.revision(), page.continueKey());
    }

    @Override
    public Optional<KeyValue> getWithoutQuorum(String key) {
        return backend.getWithoutQuorum(key).map(this::open);
    }

    @Override
    public Page listWithoutQuorum(String prefix, ListOptions options) {
        Page page = backend.listWithoutQuorum(prefix, options);
        return new Page(page.items().stream().map(this::open).toList(), page.revision(), page.continueKey());
    }

    @Override
    public KeyValue create(String key, byte[] value, long lease) {
        return withValue(backend.create(key, seal(key, value), lease), value);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision, long lease) {
        return withValue(backend.update(key, seal(key, value), expectedModRevision, lease), value);
    }

    @Override
    public Optional<KeyValue> delete(String key, long expectedModRevision) {
        return backend.delete(key, expectedModRevision).map(this::open);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        return backend.watch(prefix, afterRevision, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                WatchEvent opened;
                try {
                    opened = new WatchEvent(event.type(), open(event.kv()), open(event.prevKv()));
                } catch (RuntimeException unreadable) {
                    listener.onError(unreadable instanceof StoreException store ? store
                            : new StoreException(unreadable.getMessage(), unreadable));
                    return;
                }
                listener.onEvent(opened);
            }

            @Override
            public void onError(StoreException error) {
                listener.onError(error);
            }
        });
    }

    @Override
    public long grantLease(Duration ttl) {
        return backend.grantLease(ttl);
    }

    @Override
    public void keepAlive(long lease) {
        backend.keepAlive(lease);
    }

    @Override
    public void revokeLease(long lease) {
        backend.revokeLease(lease);
    }

    @Override
    public void compact(long revision) {
        backend.compact(revision);
    }

    @Override
    public void close() {
        backend.close();
    }
}
