package dev.orc.reconciler.store.sqlite;

import dev.orc.reconciler.store.LeaseNotFoundException;
import dev.orc.reconciler.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/** Leases of the SQLite store: granting, renewing, and revoking with a delete row per attached key. */
final class SqliteLeases {
    private static final Logger log = LoggerFactory.getLogger(SqliteLeases.class);
    private static final int GRANT_ATTEMPTS = 5;

    private final SqliteDatabase db;
    private final Clock clock;

    SqliteLeases(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Holders could not renew while the store was closed: give every lease its full TTL again. */
    void renewAllAfterOpen() {
        db.write((c, next) -> {
            LeaseTable.renewAll(c, clock.millis());
            return null;
        });
    }

    long grant(Duration ttl) {
        long ttlMillis = ttl.toMillis();
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("lease TTL must be positive, got " + ttl);
        }
        for (int attempt = 0; attempt < GRANT_ATTEMPTS; attempt++) {
            long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            if (db.write((c, next) -> LeaseTable.insert(c, id, ttlMillis, clock.millis()))) {
                return id;
            }
        }
        throw new StoreException("could not find a free lease id in " + GRANT_ATTEMPTS + " attempts");
    }

    void keepAlive(long lease) {
        if (!db.write((c, next) -> LeaseTable.renew(c, lease, clock.millis()))) {
            throw new LeaseNotFoundException(lease);
        }
    }

    void revoke(long lease) {
        db.write((c, next) -> {
            if (LeaseTable.expiresAt(c, lease).isEmpty()) {
                throw new LeaseNotFoundException(lease);
            }
            deleteWithKeys(c, next, lease);
            return null;
        });
    }

    /** Checks, inside the transaction that writes, that a lease is usable by a write. */
    static void requireLease(Connection c, long lease) throws SQLException {
        if (lease != 0 && LeaseTable.expiresAt(c, lease).isEmpty()) {
            throw new LeaseNotFoundException(lease);
        }
    }

    /** Revokes every lease whose time is up; the expiry is checked again in each revoking transaction. */
    void reapExpired() {
        List<Long> expired = db.read(c -> LeaseTable.expired(c, clock.millis()));
        for (long lease : expired) {
            boolean revoked = db.write((c, next) -> {
                OptionalLong expiresAt = LeaseTable.expiresAt(c, lease);
                if (expiresAt.isEmpty() || expiresAt.getAsLong() > clock.millis()) {
                    return false;
                }
                deleteWithKeys(c, next, lease);
                return true;
            });
            if (revoked) {
                log.debug("lease {} expired", lease);
            }
        }
    }

    private static void deleteWithKeys(Connection c, LongSupplier next, long lease) throws SQLException {
        for (KvRow row : KvTable.attachedTo(c, lease)) {
            KvTable.insert(c, KvTable.tombstone(row, next.getAsLong()));
        }
        LeaseTable.delete(c, lease);
    }
}
