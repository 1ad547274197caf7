package dev.orc.reconciler.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WatchCachesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private SqliteStore sqlite;
    private final List<String> watchedPrefixes = new CopyOnWriteArrayList<>();
    private final List<WatchListener> listeners = new CopyOnWriteArrayList<>();
    private WatchCaches caches;

    @BeforeEach
    void start() {
        sqlite = SqliteStore.open(dir);
        caches = new WatchCaches(recordingWatches(sqlite), 100, WatchSettings.DEFAULT_WINDOW_BYTES);
        caches.start();
    }

    @AfterEach
    void stop() {
        caches.close();
        sqlite.close();
    }

    @Test
    void everyTypeIsServedFromOneStoreWatch() {
        assertThat(watchedPrefixes).containsExactly(WatchCaches.PREFIX);
    }

    @Test
    void aChangeReachesOnlyTheWatchersOfItsType() throws InterruptedException {
        Watcher pods = subscribe(ResourceTypes.POD);
        Watcher configMaps = subscribe(ResourceTypes.CONFIG_MAP);

        put(ResourceTypes.CONFIG_MAP, "settings");
        put(ResourceTypes.POD, "web");

        assertThat(nameOf(pods.poll(WAIT))).isEqualTo("web");
        assertThat(nameOf(configMaps.poll(WAIT))).isEqualTo("settings");
        assertThat(pods.poll(Duration.ofMillis(100))).isNull();
    }

    @Test
    void theWatchersOfOneChangeShareItsJson() throws InterruptedException {
        Watcher first = subscribe(ResourceTypes.POD);
        Watcher second = subscribe(ResourceTypes.POD);

        put(ResourceTypes.POD, "web");

        byte[] json = first.poll(WAIT).json().get();
        assertThat(second.poll(WAIT).json().get()).isSameAs(json);
        assertThat(Meta.name((ObjectNode) Json.parse(json))).isEqualTo("web");
    }

    @Test
    void aFailedStoreWatchClosesTheWatchersAndStartsAgain() throws InterruptedException {
        Watcher before = subscribe(ResourceTypes.POD);

        listeners.getLast().onError(new StoreException("the store went away"));

        assertThat(before.finished()).isTrue();
        await().atMost(WAIT).until(() -> listeners.size() == 2);
        Watcher after = subscribe(ResourceTypes.POD);
        put(ResourceTypes.POD, "web");
        assertThat(nameOf(after.poll(WAIT))).isEqualTo("web");
    }

    @Test
    void aFailureReportedTwiceRestartsTheStoreWatchOnce() throws InterruptedException {
        WatchListener failed = listeners.getLast();

        failed.onError(new StoreException("the store went away"));
        failed.onError(new StoreException("the store went away, said again"));

        await().atMost(WAIT).until(() -> listeners.size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> listeners.size() == 2);
        Watcher after = subscribe(ResourceTypes.POD);
        put(ResourceTypes.POD, "web");
        assertThat(nameOf(after.poll(WAIT))).isEqualTo("web");
        assertThat(after.poll(Duration.ofMillis(300))).as("the change came once").isNull();
    }

    @Test
    void aChangeThatCannotBeDecodedRestartsTheCachesSoThatWatchersResync() throws InterruptedException {
        Watcher before = subscribe(ResourceTypes.POD);
        KeyValue garbage = new KeyValue(ResourceTypes.POD.storeKey("default", "torn"),
                "not json".getBytes(StandardCharsets.UTF_8), 1, 99, 99, 0);

        listeners.getLast().onEvent(new WatchEvent(WatchEvent.Type.PUT, garbage, null));

        assertThat(before.finished()).isTrue();
        await().atMost(WAIT).until(() -> listeners.size() == 2);
        Watcher after = subscribe(ResourceTypes.POD);
        put(ResourceTypes.POD, "web");
        assertThat(nameOf(after.poll(WAIT))).isEqualTo("web");
    }

    private Watcher subscribe(ResourceType type) {
        Watcher watcher = new Watcher(sqlite.currentRevision(), o -> true, 10);
        assertThat(caches.of(type).subscribe(watcher, sqlite.currentRevision())).isTrue();
        return watcher;
    }

    private void put(ResourceType type, String name) {
        ObjectNode object = Json.object();
        object.put("kind", type.kind()).putObject("metadata").put("name", name).put("namespace", "default");
        sqlite.create(type.storeKey("default", name), Meta.encode(object), 0);
    }

    private static String nameOf(Watcher.Message message) {
        assertThat(message).isNotNull();
        return Meta.name(message.object());
    }

    /** The store, noting the prefix and listener of every watch opened on it. */
    private Store recordingWatches(Store store) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class}, (proxy, method, args) -> {
            if (method.getName().equals("watch")) {
                watchedPrefixes.add((String) args[0]);
                listeners.add((WatchListener) args[2]);
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
