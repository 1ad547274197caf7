package dev.orc.reconciler.join;

import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.store.RevisionConflictException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.encryption.EncryptingStore;
import dev.orc.reconciler.store.encryption.EncryptionKeys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Rotates the encryption keys of a cluster's running servers, in the steps k3s's {@code secrets-encrypt rotate-keys}
 * takes, each one published in the sealed shared files and awaited until every running server (each
 * {@link KeyFollower}) holds it: a new key is added that only decrypts; then it becomes the key writes use; then every
 * Secret is rewritten under it; then the old keys are retired. A step that is not taken up in time stops the rotation
 * where it is, which is always a state every server can read: no server is ever asked to decrypt with a key it may
 * not hold yet.
 */
public final class KeyRotation {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Store store;
    private final String token;
    private final Duration loadTimeout;
    private final Consumer<String> progress;

    /** Rotates in {@code store} (the backend, not encrypting) with the cluster's {@code token}. */
    public KeyRotation(Store store, String token, Duration loadTimeout, Consumer<String> progress) {
        this.store = store;
        this.token = token;
        this.loadTimeout = loadTimeout;
        this.progress = progress;
    }

    /** The cluster's keys, and which of them each running server holds. */
    public record Status(String primary, List<String> keys, String fingerprint, Map<String, String> servers,
                         List<String> secretsNotUnderPrimary, List<String> secretsUnencrypted) {
    }

    /** What a rotation did. */
    public record Report(String newKey, List<String> retired, int rewritten, Map<String, String> servers) {
    }

    public Status status() {
        EncryptionKeys keys = SealedKeys.read(store, token).keys();
        EncryptingStore secrets = secrets(keys);
        return new Status(keys.primaryName(), keys.names(), keys.fingerprint(), loaded(), secrets.notUnderPrimaryKey(),
                secrets.unencrypted());
    }

    public Report rotate() throws InterruptedException {
        SealedKeys.Versioned start = SealedKeys.read(store, token);
        EncryptionKeys before = start.keys();
        String name = before.nextName();
        EncryptionKeys added = before.withSecondary(name, EncryptionKeys.newKey());
        publish(start, added, "every server decrypts with the new key " + name);

        EncryptionKeys promoted = added.withPrimary(name);
        publish(readExpecting(added), promoted, "every server encrypts new writes with " + name);

        EncryptingStore secrets = secrets(promoted);
        int rewritten = secrets.rewriteUnderPrimaryKey();
        List<String> stale = secrets.notUnderPrimaryKey();
        if (!stale.isEmpty()) {
            throw new IllegalStateException(stale.size() + " Secrets are still under older keys after rewriting (first: "
                    + stale.getFirst() + "); the old keys are kept, run rotate-keys again");
        }
        progress.accept("rewrote " + rewritten + " Secrets under " + name);

        EncryptionKeys retired = promoted.primaryOnly();
        Map<String, String> servers = publish(readExpecting(promoted), retired, "retired " + before.names());
        return new Report(name, before.names(), rewritten, servers);
    }

    private EncryptingStore secrets(EncryptionKeys keys) {
        return new EncryptingStore(store, keys, List.of(ResourceTypes.SECRET.storePrefix()));
    }

    private SealedKeys.Versioned readExpecting(EncryptionKeys expected) {
        SealedKeys.Versioned now = SealedKeys.read(store, token);
        if (!now.keys().fingerprint().equals(expected.fingerprint())) {
            throw changedMeanwhile();
        }
        return now;
    }

    private Map<String, String> publish(SealedKeys.Versioned read, EncryptionKeys keys, String step)
            throws InterruptedException {
        try {
            SealedKeys.replace(store, token, read, keys);
        } catch (RevisionConflictException e) {
            throw changedMeanwhile();
        }
        Map<String, String> servers = awaitLoaded(keys.fingerprint(), step);
        progress.accept(step + " (" + servers.size() + (servers.size() == 1 ? " server)" : " servers)"));
        return servers;
    }

    private static IllegalStateException changedMeanwhile() {
        return new IllegalStateException("the cluster's keys changed while rotating (another rotation?); this one stops "
                + "here, leaving keys every server can read; run it again");
    }

    /** Waits until every running server holds the keys of {@code fingerprint}; returns them. */
    private Map<String, String> awaitLoaded(String fingerprint, String step) throws InterruptedException {
        long deadline = System.nanoTime() + loadTimeout.toNanos();
        while (true) {
            Map<String, String> servers = loaded();
            Map<String, String> behind = servers.entrySet().stream().filter(e -> !e.getValue().equals(fingerprint))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
            if (behind.isEmpty()) {
                return servers;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every server took up the step \"" + step + "\" within "
                        + loadTimeout.toSeconds() + " s: " + behind.keySet() + " still hold other keys; the rotation "
                        + "stops here, where every server that has taken it up can read everything");
            }
            Thread.sleep(POLL);
        }
    }

    /** Each running server's identity and the fingerprint of the keys it holds. */
    private Map<String, String> loaded() {
        Map<String, String> servers = new TreeMap<>();
        store.scan(KeyFollower.LOADED_PREFIX, 100, kv -> servers.put(kv.key().substring(KeyFollower.LOADED_PREFIX.length()),
                new String(kv.value(), StandardCharsets.UTF_8)));
        return servers;
    }
}
