package dev.orc.reconciler.join;

import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.encryption.EncryptionKeys;

/**
 * The encryption keys inside the cluster's sealed shared files ({@link ClusterJoin#KEY}), read and replaced as one
 * versioned value: a replacement only succeeds over the version it was made from, so two rotations at once cannot
 * both win.
 */
final class SealedKeys {
    /** The shared files as read, with the store revision they were read at. */
    record Versioned(SharedFiles files, long modRevision) {
        EncryptionKeys keys() {
            return EncryptionKeys.parse(files.get(EncryptionKeys.FILE), "the cluster's " + EncryptionKeys.FILE);
        }
    }

    private SealedKeys() {
    }

    /** The cluster's shared files; fails when the store has none (no server ran with a cluster token on it). */
    static Versioned read(Store store, String token) {
        KeyValue stored = store.get(ClusterJoin.KEY).orElseThrow(() -> new IllegalStateException(
                "the store holds no cluster (" + ClusterJoin.KEY + " is absent): start an orc server with --cluster-token first"));
        return new Versioned(SharedFiles.fromBytes(TokenSealer.open(token, stored.value())), stored.modRevision());
    }

    /**
     * Seals {@code keys} in place of those of {@code read}; a {@code RevisionConflictException} when the shared files
     * changed since they were read.
     */
    static void replace(Store store, String token, Versioned read, EncryptionKeys keys) {
        SharedFiles changed = read.files().with(EncryptionKeys.FILE, keys.text());
        store.update(ClusterJoin.KEY, TokenSealer.seal(token, changed.toBytes()), read.modRevision(), 0);
    }
}
