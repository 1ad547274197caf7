package dev.orc.reconciler.join;

import dev.orc.reconciler.apiserver.ServerFiles;
import dev.orc.reconciler.store.KeyExistsException;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.encryption.EncryptionKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Servers join a cluster as k3s servers do, with a shared cluster token: the first one creates the admin token,
 * the CA and the encryption keys and keeps them in the store sealed with a key derived from the token; each later
 * one opens them with its token and writes them into its data directory (before it reads any of them), then issues
 * its own serving certificate from the shared CA. So every server accepts the same tokens, is trusted through the
 * same CA, and decrypts the same Secrets. A wrong token is refused before anything is written, here or in the store.
 */
public final class ClusterJoin {
    public static final String KEY = "/orc/bootstrap/shared-files";
    /** The shortest cluster token: the shared admin token, CA and keys are sealed with a key derived from it. */
    public static final int MIN_TOKEN_LENGTH = 16;
    private static final List<String> SHARED = List.of(ServerFiles.TOKENS, ServerFiles.CA_CERTIFICATE, ServerFiles.CA_KEY,
            EncryptionKeys.FILE);

    /** Whether this server created the cluster's shared files or took them from the store. */
    public enum Outcome { CREATED, JOINED }

    private ClusterJoin() {
    }

    /** Creates or joins the cluster in {@code store}; {@link WrongClusterTokenException} when the token differs. */
    public static Outcome join(Store store, String token, Path dataDir, Instant now) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("the cluster token must not be empty");
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the cluster token must be at least " + MIN_TOKEN_LENGTH
                    + " characters, got " + token.length());
        }
        try {
            if (store.get(KEY).isPresent()) {
                adopt(store.get(KEY).orElseThrow(), token, dataDir);
                return Outcome.JOINED;
            }
            ServerFiles.prepareShared(dataDir, now);
            EncryptionKeys.loadOrCreate(dataDir.resolve(EncryptionKeys.FILE));
            byte[] sealed = TokenSealer.seal(token, SharedFiles.read(dataDir, SHARED).toBytes());
            try {
                store.create(KEY, sealed, 0);
                return Outcome.CREATED;
            } catch (KeyExistsException anotherServerWasFirst) {
                adopt(store.get(KEY).orElseThrow(() -> new IllegalStateException(KEY + " vanished while joining")),
                        token, dataDir);
                return Outcome.JOINED;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the shared files in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void adopt(KeyValue stored, String token, Path dataDir) throws IOException {
        SharedFiles shared = SharedFiles.fromBytes(TokenSealer.open(token, stored.value()));
        if (shared.write(dataDir)) {
            Files.deleteIfExists(dataDir.resolve("pki/server.crt"));
            Files.deleteIfExists(dataDir.resolve("pki/server.key"));
        }
    }
}
