package dev.orc.reconciler.join;

import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.encryption.EncryptingStore;
import dev.orc.reconciler.store.encryption.EncryptionKeys;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two servers of one cluster (each its own encrypting store and data directory, one backend between them) follow a
 * rotation run from outside either: each step reaches both before the next, and at the end both read every Secret,
 * old and new, under the new key alone.
 */
class KeyRotationTest {
    private static final String TOKEN = "cluster-s3cret-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] SECRET = "{\"data\":{\"password\":\"aHVudGVyMg==\"}}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private Store store;
    private final List<Server> servers = new ArrayList<>();

    private record Server(String name, Path dataDir, EncryptingStore secrets, KeyFollower follower) {
    }

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("store"));
    }

    @AfterEach
    void close() {
        servers.forEach(server -> server.follower().close());
        store.close();
    }

    private Server server(String name) throws IOException {
        Path dataDir = dir.resolve(name);
        ClusterJoin.join(store, TOKEN, dataDir, Instant.now());
        EncryptingStore secrets = new EncryptingStore(store, EncryptionKeys.loadOrCreate(dataDir.resolve(EncryptionKeys.FILE)),
                List.of(ResourceTypes.SECRET.storePrefix()));
        Server server = new Server(name, dataDir, secrets, KeyFollower.start(store, secrets, TOKEN, dataDir, name));
        servers.add(server);
        await().atMost(WAIT).until(() -> store.get(KeyFollower.LOADED_PREFIX + name).isPresent());
        return server;
    }

    private static String secretKey(String name) {
        return ResourceTypes.SECRET.storePrefix() + "default/" + name;
    }

    @Test
    void everyRunningServerTakesUpEachStepAndEndsUnderTheNewKeyAloneReadingOldAndNewSecrets() throws Exception {
        Server a = server("a");
        Server b = server("b");
        a.secrets().create(secretKey("before"), SECRET, 0);
        List<String> steps = new CopyOnWriteArrayList<>();

        KeyRotation.Report report = new KeyRotation(store, TOKEN, WAIT, steps::add).rotate();

        assertThat(report.newKey()).isEqualTo("key2");
        assertThat(report.retired()).containsExactly("key1");
        assertThat(report.rewritten()).isEqualTo(1);
        assertThat(report.servers()).containsOnlyKeys("a", "b");
        assertThat(steps).hasSize(4).first().asString().contains("decrypts with the new key key2");
        for (Server server : List.of(a, b)) {
            assertThat(server.secrets().keys().names()).as(server.name()).containsExactly("key2");
            assertThat(Files.readString(server.dataDir().resolve(EncryptionKeys.FILE))).as(server.name())
                    .isEqualTo(server.secrets().keys().text());
        }
        assertThat(new String(store.get(secretKey("before")).orElseThrow().value(), StandardCharsets.US_ASCII))
                .startsWith("orc:aesgcm:v1:key2:");
        assertThat(b.secrets().get(secretKey("before")).orElseThrow().value()).isEqualTo(SECRET);
        b.secrets().create(secretKey("after"), SECRET, 0);
        assertThat(a.secrets().get(secretKey("after")).orElseThrow().value()).isEqualTo(SECRET);
        assertThat(new KeyRotation(store, TOKEN, WAIT, line -> { }).status().secretsNotUnderPrimary()).isEmpty();
    }

    @Test
    void aServerThatDoesNotTakeUpAStepStopsTheRotationWhereEveryServerCanStillReadEverything() throws Exception {
        Server a = server("a");
        a.secrets().create(secretKey("before"), SECRET, 0);
        store.create(KeyFollower.LOADED_PREFIX + "stuck", "0000".getBytes(StandardCharsets.UTF_8), 0);

        assertThatThrownBy(() -> new KeyRotation(store, TOKEN, Duration.ofSeconds(2), line -> { }).rotate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[stuck]").hasMessageContaining("decrypts with the new key key2");

        KeyRotation.Status status = new KeyRotation(store, TOKEN, WAIT, line -> { }).status();
        assertThat(status.keys()).containsExactly("key1", "key2");
        assertThat(status.primary()).isEqualTo("key1");
        await().atMost(WAIT).until(() -> a.secrets().keys().names().equals(List.of("key1", "key2")));
        assertThat(a.secrets().get(secretKey("before")).orElseThrow().value()).isEqualTo(SECRET);
    }

    @Test
    void aWrongTokenOrAStoreWithoutAClusterIsRefusedAndChangesNothing() throws Exception {
        server("a");
        long revision = store.currentRevision();

        assertThatThrownBy(() -> new KeyRotation(store, "not-the-token", WAIT, line -> { }).rotate())
                .isInstanceOf(WrongClusterTokenException.class);
        assertThat(store.currentRevision()).isEqualTo(revision);
        try (Store empty = SqliteStore.open(dir.resolve("empty"))) {
            assertThatThrownBy(() -> new KeyRotation(empty, TOKEN, WAIT, line -> { }).status())
                    .hasMessageContaining("start an orc server with --cluster-token first");
        }
    }
}
