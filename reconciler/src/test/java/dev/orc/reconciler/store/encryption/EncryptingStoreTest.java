package dev.orc.reconciler.store.encryption;

import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EncryptingStoreTest {
    private static final String SECRET_KEY = "/registry/secrets/default/db";
    private static final byte[] PLAIN = "{\"data\":{\"password\":\"aHVudGVyMg==\"}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;
    private SqliteStore backend;
    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        backend = SqliteStore.open(temp.resolve("data"));
        store = new EncryptingStore(backend, EncryptionKeys.loadOrCreate(temp.resolve("keys")), List.of("/registry/secrets/"));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static boolean containsPlaintext(byte[] stored) {
        return new String(stored, StandardCharsets.ISO_8859_1).contains("aHVudGVyMg==");
    }

    @Test
    void secretsAreCiphertextInTheBackendAndPlainForCallers() {
        KeyValue written = store.create(SECRET_KEY, PLAIN, 0);
        assertThat(written.value()).isEqualTo(PLAIN);
        byte[] raw = backend.get(SECRET_KEY).orElseThrow().value();
        assertThat(containsPlaintext(raw)).isFalse();
        assertThat(new String(raw, StandardCharsets.US_ASCII)).startsWith("orc:aesgcm:v1:key1:");
        assertThat(store.get(SECRET_KEY).orElseThrow().value()).isEqualTo(PLAIN);
        assertThat(store.list("/registry/secrets/", ListOptions.all()).items().get(0).value()).isEqualTo(PLAIN);
    }

    @Test
    void otherKindsPassThrough() {
        store.create("/registry/configmaps/default/c", PLAIN, 0);
        assertThat(backend.get("/registry/configmaps/default/c").orElseThrow().value()).isEqualTo(PLAIN);
    }

    @Test
    void watchersSeePlainValues() {
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        long from = store.currentRevision();
        try (var watch = store.watch("/registry/secrets/", from, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                events.add(event);
            }

            @Override
            public void onError(StoreException error) {
            }
        })) {
            KeyValue created = store.create(SECRET_KEY, PLAIN, 0);
            store.update(SECRET_KEY, "{}".getBytes(StandardCharsets.UTF_8), created.modRevision(), 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
        }
        assertThat(events.get(0).kv().value()).isEqualTo(PLAIN);
        assertThat(events.get(1).prevKv().value()).isEqualTo(PLAIN);
    }

    @Test
    void rotationWritesWithTheNewKeyAndStillReadsTheOld() throws Exception {
        store.create(SECRET_KEY, PLAIN, 0);
        store.close();
        Path keys = temp.resolve("keys");
        String old = Files.readString(keys);
        Files.writeString(keys, "key2:" + Base64.getEncoder().encodeToString(EncryptionKeys.newKey()) + "\n" + old);
        backend = SqliteStore.open(temp.resolve("data"));
        store = new EncryptingStore(backend, EncryptionKeys.loadOrCreate(keys), List.of("/registry/secrets/"));
        KeyValue before = store.get(SECRET_KEY).orElseThrow();
        assertThat(before.value()).isEqualTo(PLAIN);
        store.update(SECRET_KEY, PLAIN, before.modRevision(), 0);
        assertThat(new String(backend.get(SECRET_KEY).orElseThrow().value(), StandardCharsets.US_ASCII)).startsWith("orc:aesgcm:v1:key2:");
    }

    @Test
    void aValueMovedToAnotherKeyDoesNotDecrypt() {
        store.create(SECRET_KEY, PLAIN, 0);
        backend.create("/registry/secrets/default/stolen", backend.get(SECRET_KEY).orElseThrow().value(), 0);
        assertThatThrownBy(() -> store.get("/registry/secrets/default/stolen"))
                .hasMessageStartingWith("cannot decrypt the value of /registry/secrets/default/stolen");
    }

    @Test
    void badKeyFilesAreRefusedWithTheLine() {
        assertThatThrownBy(() -> EncryptionKeys.parse(List.of("# keys", "k1:notbase64!"), "keys"))
                .hasMessage("keys:2: key is not valid base64");
        assertThatThrownBy(() -> EncryptionKeys.parse(List.of("k1:" + Base64.getEncoder().encodeToString(new byte[16])), "keys"))
                .hasMessage("keys:1: key must be 32 bytes (AES-256), got 16");
        assertThatThrownBy(() -> EncryptionKeys.parse(List.of(), "keys")).hasMessage("keys: no keys");
    }

    @Test
    void afterANewPrimaryKeyOnlyValuesOfOlderKeysAreRewrittenAndStayReadable() {
        store.create(SECRET_KEY, PLAIN, 0);
        EncryptingStore encrypting = (EncryptingStore) store;
        EncryptionKeys rotated = encrypting.keys().withSecondary("key2", EncryptionKeys.newKey()).withPrimary("key2");
        encrypting.useKeys(rotated);
        store.create("/registry/secrets/default/new", PLAIN, 0);
        long newRevision = backend.get("/registry/secrets/default/new").orElseThrow().modRevision();
        assertThat(encrypting.notUnderPrimaryKey()).containsExactly(SECRET_KEY);

        assertThat(encrypting.rewriteUnderPrimaryKey()).isEqualTo(1);

        assertThat(encrypting.notUnderPrimaryKey()).isEmpty();
        assertThat(backend.get("/registry/secrets/default/new").orElseThrow().modRevision()).isEqualTo(newRevision);
        for (String key : List.of(SECRET_KEY, "/registry/secrets/default/new")) {
            assertThat(new String(backend.get(key).orElseThrow().value(), StandardCharsets.US_ASCII)).as(key)
                    .startsWith("orc:aesgcm:v1:key2:");
            assertThat(store.get(key).orElseThrow().value()).as(key).isEqualTo(PLAIN);
        }
        encrypting.useKeys(rotated.primaryOnly());
        assertThat(store.get(SECRET_KEY).orElseThrow().value()).isEqualTo(PLAIN);
    }

    @Test
    void aPlainValueWrittenPastTheStoreIsRefusedByEveryReadAndNeverSealed() {
        String planted = "/registry/secrets/default/planted";
        store.create(SECRET_KEY, PLAIN, 0);
        List<StoreException> watchErrors = new CopyOnWriteArrayList<>();
        store.watch("/registry/secrets/", store.currentRevision(), new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
            }

            @Override
            public void onError(StoreException error) {
                watchErrors.add(error);
            }
        });

        backend.create(planted, PLAIN, 0);

        assertThatThrownBy(() -> store.get(planted)).isInstanceOf(UnencryptedValueException.class)
                .hasMessageContaining(planted).hasMessageContaining("not encrypted");
        assertThatThrownBy(() -> store.list("/registry/secrets/", ListOptions.all()))
                .isInstanceOf(UnencryptedValueException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> !watchErrors.isEmpty());
        assertThat(watchErrors.getFirst()).isInstanceOf(UnencryptedValueException.class);
        EncryptingStore encrypting = (EncryptingStore) store;
        assertThat(encrypting.unencrypted()).containsExactly(planted);
        assertThat(encrypting.notUnderPrimaryKey()).isEmpty();
        assertThat(encrypting.rewriteUnderPrimaryKey()).isZero();
        assertThat(backend.get(planted).orElseThrow().value()).isEqualTo(PLAIN);
        assertThat(store.get(SECRET_KEY).orElseThrow().value()).isEqualTo(PLAIN);
    }

    @Test
    void aKeySetChangesStepByStepAndItsTextReadsBackTheSame() {
        EncryptionKeys one = EncryptionKeys.parse("key1:" + Base64.getEncoder().encodeToString(new byte[32]) + "\n", "test");
        EncryptionKeys added = one.withSecondary(one.nextName(), EncryptionKeys.newKey());

        assertThat(added.names()).containsExactly("key1", "key2");
        assertThat(added.primaryName()).isEqualTo("key1");
        EncryptionKeys promoted = added.withPrimary("key2");
        assertThat(promoted.names()).containsExactly("key2", "key1");
        assertThat(promoted.fingerprint()).isNotEqualTo(added.fingerprint());
        assertThat(EncryptionKeys.parse(promoted.text(), "text").fingerprint()).isEqualTo(promoted.fingerprint());
        assertThat(promoted.primaryOnly().names()).containsExactly("key2");
        assertThat(promoted.nextName()).isEqualTo("key3");
        assertThatThrownBy(() -> promoted.withSecondary("key1", EncryptionKeys.newKey()))
                .hasMessageContaining("\"key1\" exists already");
        assertThatThrownBy(() -> promoted.withPrimary("key9")).hasMessageContaining("no key named \"key9\"");
    }
}
