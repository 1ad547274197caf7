package dev.orc.reconciler.store;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cluster's memory: a revisioned key-value store in the shape of etcd's v3 API. Every write
 * increments the store revision by one; a key's {@code modRevision} is the revision of its last write.
 * Implementations: {@code EtcdStore} (jetcd) and {@code SqliteStore} (embedded, kine-style); both pass
 * one contract test suite. All methods are thread-safe and bounded in time.
 */
public interface Store extends AutoCloseable {
    /** Values up to 1.5 MiB are accepted, as etcd's default request limit allows. */
    int MAX_VALUE_BYTES = 1536 * 1024;

    /** The revision of the latest write. */
    long currentRevision();

    Optional<KeyValue> get(String key);

    /** Keys under {@code prefix} in key order, read at one revision; see {@link Page}. */
    Page list(String prefix, ListOptions options);

    /** Hands every key under {@code prefix} to {@code each}, in key order, reading {@code pageSize} at a time at one revision. */
    default void scan(String prefix, int pageSize, Consumer<KeyValue> each) {
        String after = null;
        long revision = 0;
        do {
            Page page = list(prefix, new ListOptions(pageSize, after, revision));
            page.items().forEach(each);
            after = page.continueKey();
            revision = page.revision();
        } while (after != null);
    }

    /**
     * {@link #get}, answered without the store's quorum: etcd serves it from the member reached (a serializable read),
     * which may lag the cluster, so it still answers when most members are gone. A store of one answers as {@link #get}.
     */
    default Optional<KeyValue> getWithoutQuorum(String key) {
        return get(key);
    }

    /** {@link #list}, answered without the store's quorum, as {@link #getWithoutQuorum}. */
    default Page listWithoutQuorum(String prefix, ListOptions options) {
        return list(prefix, options);
    }

    /** Creates the key; fails with {@link KeyExistsException} when it exists. {@code lease} 0 = none. */
    KeyValue create(String key, byte[] value, long lease);

    /**
     * Replaces the key's value if its modRevision is {@code expectedModRevision}; otherwise
     * {@link RevisionConflictException}, or {@link KeyNotFoundException} when it is absent.
     */
    KeyValue update(String key, byte[] value, long expectedModRevision, long lease);

    /**
     * Deletes the key; {@code expectedModRevision} 0 deletes whatever is there. Returns the deleted value,
     * empty when there was none. A guarded delete of a changed key fails with {@link RevisionConflictException}.
     */
    Optional<KeyValue> delete(String key, long expectedModRevision);

    /**
     * Delivers every change under {@code prefix} with revision greater than {@code afterRevision}, in
     * revision order, each exactly once, then keeps delivering. Fails (through the listener) with
     * {@link RevisionCompactedException} when that history is gone.
     */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /** Grants a lease; keys attached to it are deleted (with delete events) when it expires or is revoked. */
    long grantLease(Duration ttl);

    /** Renews the lease for its full TTL; fails when it has already expired. */
    void keepAlive(long lease);

    void revokeLease(long lease);

    /** Discards history up to and including {@code revision}. */
    void compact(long revision);

    @Override
    void close();
}
