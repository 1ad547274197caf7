package dev.orc.reconciler.store.sqlite;

import dev.orc.reconciler.store.Fence;
import dev.orc.reconciler.store.PrivateFiles;
import dev.orc.reconciler.store.FencedOffException;
import dev.orc.reconciler.store.FencedWrites;
import dev.orc.reconciler.store.KeyExistsException;
import dev.orc.reconciler.store.KeyNotFoundException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Keys;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Page;
import dev.orc.reconciler.store.RevisionConflictException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded store: one SQLite file ({@value #FILE}) under a data directory, in WAL mode, holding a
 * kine-style table of revisions. Only one process may open a data directory at a time.
 */
public final class SqliteStore implements Store {
    public static final String FILE = "orc.db";
    static final String LOCK_FILE = "orc.db.lock";
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

    private final SqliteOptions options;
    private final DataDirLock lock;
    private final SqliteDatabase db;
    private final SqliteLeases leases;
    private final ScheduledExecutorService background;
    private final Set<SqliteWatch> watches = ConcurrentHashMap.newKeySet();
    private final SqliteCompactor compactor;
    private volatile boolean closed;

    private SqliteStore(SqliteOptions options, DataDirLock lock, SqliteDatabase db) {
        this.options = options;
        this.lock = lock;
        this.db = db;
        this.leases = new SqliteLeases(db, options.clock());
        this.compactor = new SqliteCompactor(db);
        leases.renewAllAfterOpen();
        this.background = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("orc-sqlite-background").unstarted(r));
        long leaseMillis = options.leaseCheckInterval().toMillis();
        background.scheduleWithFixedDelay(() -> quietly("reaping expired leases", leases::reapExpired),
                leaseMillis, leaseMillis, TimeUnit.MILLISECONDS);
        long compactMillis = options.compactInterval().toMillis();
        background.scheduleWithFixedDelay(
                () -> quietly("compacting", () -> compactor.compactAllBut(options.retainRevisions())),
                compactMillis, compactMillis, TimeUnit.MILLISECONDS);
    }

    public static SqliteStore open(Path dataDir) {
        return open(dataDir, SqliteOptions.defaults());
    }

    /** Opens (creating if needed) the store in {@code dataDir}; refused when another process has it open. */
    public static SqliteStore open(Path dataDir, SqliteOptions options) {
        try {
            PrivateFiles.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        DataDirLock lock = DataDirLock.acquire(dataDir.resolve(LOCK_FILE));
        try {
            return new SqliteStore(options, lock, new SqliteDatabase(dataDir.resolve(FILE)));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public long currentRevision() {
        ensureOpen();
        return db.committed().current();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        Keys.checkKey(key);
        ensureOpen();
        return db.read(c -> KvTable.live(c, key)).map(KvRow::toKeyValue);
    }

    @Override
    public Page list(String prefix, ListOptions options) {
        ensureOpen();
        long current = db.committed().current();
        long revision = options.revision() == 0 ? current : options.revision();
        if (revision > current) {
            throw new StoreException("revision " + revision + " is in the future (the store is at " + current + ")");
        }
        compactor.requireAvailable(revision);
        int limit = options.limit();
        List<KeyValue> items = db.read(c -> KvTable.list(c, prefix, options.continueAfter(), revision,
                limit <= 0 ? 0 : limit + 1));
        compactor.requireAvailable(revision);
        if (limit > 0 && items.size() > limit) {
            List<KeyValue> page = items.subList(0, limit);
            return new Page(page, revision, page.getLast().key());
        }
        return new Page(items, revision, null);
    }

    @Override
    public KeyValue create(String key, byte[] value, long lease) {
        Keys.checkWrite(key, value);
        ensureOpen();
        Optional<Fence> fence = FencedWrites.current();
        return db.write((c, next) -> {
            requireFence(c, fence, key);
            if (KvTable.live(c, key).isPresent()) {
                throw new KeyExistsException(key);
            }
            SqliteLeases.requireLease(c, lease);
            long revision = next.getAsLong();
            return KvTable.insert(c, new KvRow(revision, key, false, revision, 0, 1, lease, value)).toKeyValue();
        });
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision, long lease) {
        Keys.checkWrite(key, value);
        ensureOpen();
        Optional<Fence> fence = FencedWrites.current();
        return db.write((c, next) -> {
            requireFence(c, fence, key);
            KvRow live = KvTable.live(c, key).orElseThrow(() -> new KeyNotFoundException(key));
            if (live.id() != expectedModRevision) {
                throw new RevisionConflictException(key, expectedModRevision, live.id());
            }
            SqliteLeases.requireLease(c, lease);
            KvRow row = new KvRow(next.getAsLong(), key, false, live.createRevision(), live.id(), live.version() + 1,
                    lease, value);
            return KvTable.insert(c, row).toKeyValue();
        });
    }

    @Override
    public Optional<KeyValue> delete(String key, long expectedModRevision) {
        Keys.checkKey(key);
        ensureOpen();
        Optional<Fence> fence = FencedWrites.current();
        return db.write((c, next) -> {
            requireFence(c, fence, key);
            Optional<KvRow> live = KvTable.live(c, key);
            if (live.isEmpty()) {
                if (expectedModRevision != 0) {
                    throw new KeyNotFoundException(key);
                }
                return Optional.empty();
            }
            if (expectedModRevision != 0 && live.get().id() != expectedModRevision) {
                throw new RevisionConflictException(key, expectedModRevision, live.get().id());
            }
            KvTable.insert(c, KvTable.tombstone(live.get(), next.getAsLong()));
            return Optional.of(live.get().toKeyValue());
        });
    }

    private static void requireFence(Connection c, Optional<Fence> fence, String key) throws SQLException {
        if (fence.isPresent() && KvTable.live(c, fence.get().key()).map(KvRow::createRevision).orElse(0L)
                != fence.get().createRevision()) {
            throw new FencedOffException(fence.get(), key);
        }
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        ensureOpen();
        SqliteWatch[] self = new SqliteWatch[1];
        self[0] = new SqliteWatch(prefix, afterRevision, listener, db, compactor::compactRevision,
                options.pollInterval().toMillis(), () -> watches.remove(self[0]));
        watches.add(self[0]);
        self[0].start();
        return self[0];
    }

    @Override
    public long grantLease(Duration ttl) {
        ensureOpen();
        return leases.grant(ttl);
    }

    @Override
    public void keepAlive(long lease) {
        ensureOpen();
        leases.keepAlive(lease);
    }

    @Override
    public void revokeLease(long lease) {
        ensureOpen();
        leases.revoke(lease);
    }

    /** Compacts to {@code revision}; compacting to a revision already compacted does nothing. */
    @Override
    public void compact(long revision) {
        ensureOpen();
        compactor.compact(revision);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the SQLite store is closed");
        }
    }

    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("background {} failed: {}", what, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        background.shutdownNow();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SqliteWatch watch : List.copyOf(watches)) {
            watch.end(new StoreException("the SQLite store was closed"));
        }
        db.close();
        lock.close();
    }
}
