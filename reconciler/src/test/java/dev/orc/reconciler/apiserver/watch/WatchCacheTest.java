package dev.orc.reconciler.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.registry.Meta;
import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.WatchEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchCacheTest {
    private static final String KEY = "/registry/configmaps/default/settings";

    /** The change of the one ConfigMap at {@code revision}, its value {@code size} characters long. */
    private static WatchEvent put(long revision, int size) {
        return new WatchEvent(WatchEvent.Type.PUT, stored(revision, size), revision == 1 ? null : stored(revision - 1, size));
    }

    private static KeyValue stored(long revision, int size) {
        ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", "settings").put("namespace", "default");
        object.putObject("data").put("value", Long.toString(revision).repeat(size).substring(0, size));
        return new KeyValue(KEY, Meta.encode(object), 1, revision, revision, 0);
    }

    private static WatchCache cacheWith(int maxEvents, long maxBytes, int events, int size) {
        WatchCache cache = new WatchCache(maxEvents, maxBytes);
        cache.reset(0, List.of());
        for (long revision = 1; revision <= events; revision++) {
            cache.onEvent(put(revision, size));
        }
        return cache;
    }

    private static List<Long> revisionsOf(Watcher watcher) throws InterruptedException {
        List<Long> revisions = new ArrayList<>();
        for (Watcher.Message m = watcher.poll(Duration.ZERO); m != null; m = watcher.poll(Duration.ZERO)) {
            revisions.add(Long.parseLong(resourceVersion(m.object())));
        }
        return revisions;
    }

    private static String resourceVersion(ObjectNode object) {
        return object.path("metadata").path("resourceVersion").asText();
    }

    @Test
    void theWindowKeepsOnlyAsManyEventsAsItsBytesAllow() {
        long oneEvent = EncodedEvent.of(put(2, 1000)).bytes();

        WatchCache cache = cacheWith(1000, 3 * oneEvent, 10, 1000);

        assertThat(cache.windowBytes()).isEqualTo(3 * oneEvent);
        assertThat(cache.subscribe(new Watcher(6, o -> true, 100), 6)).isFalse();
        assertThat(cache.subscribe(new Watcher(7, o -> true, 100), 7)).isTrue();
    }

    @Test
    void aWatchResumedWithinTheWindowGetsEveryLaterChange() throws InterruptedException {
        long oneEvent = EncodedEvent.of(put(2, 1000)).bytes();
        WatchCache cache = cacheWith(1000, 3 * oneEvent, 10, 1000);
        Watcher watcher = new Watcher(8, o -> true, 100);

        assertThat(cache.subscribe(watcher, 8)).isTrue();
        cache.onEvent(put(11, 1000));

        assertThat(revisionsOf(watcher)).containsExactly(9L, 10L, 11L);
    }

    @Test
    void theEventCountStillBoundsAWindowOfSmallObjects() {
        WatchCache cache = cacheWith(4, WatchSettings.DEFAULT_WINDOW_BYTES, 10, 10);

        assertThat(cache.subscribe(new Watcher(5, o -> true, 100), 5)).isFalse();
        assertThat(cache.subscribe(new Watcher(6, o -> true, 100), 6)).isTrue();
    }

    @Test
    void anEventLargerThanTheWholeWindowLeavesItEmptyButResumableFromThatEvent() throws InterruptedException {
        WatchCache cache = cacheWith(1000, 100, 3, 1000);
        Watcher watcher = new Watcher(3, o -> true, 100);

        assertThat(cache.windowBytes()).isZero();
        assertThat(cache.subscribe(new Watcher(2, o -> true, 100), 2)).isFalse();
        assertThat(cache.subscribe(watcher, 3)).isTrue();
        cache.onEvent(put(4, 1000));
        assertThat(revisionsOf(watcher)).containsExactly(4L);
    }

    @Test
    void theWindowCountsTheStoredBytesOfTheObjectAndItsPreviousState() {
        EncodedEvent added = EncodedEvent.of(put(1, 1000));
        EncodedEvent modified = EncodedEvent.of(put(2, 1000));

        assertThat(added.bytes()).isGreaterThan(1000).isLessThan(1000 + KEY.length() + 200 + EncodedEvent.OVERHEAD_BYTES);
        assertThat(modified.bytes() - EncodedEvent.OVERHEAD_BYTES)
                .isEqualTo(2 * (added.bytes() - EncodedEvent.OVERHEAD_BYTES));
    }

    @Test
    void eachDeliveryDecodesItsOwnObjectsFromTheStoredBytes() {
        EncodedEvent event = EncodedEvent.of(put(2, 10));

        DecodedEvent first = event.decoded();
        DecodedEvent second = event.decoded();

        assertThat(first.object()).isEqualTo(second.object()).isNotSameAs(second.object());
        assertThat(resourceVersion(first.object())).isEqualTo("2");
        assertThat(resourceVersion(first.previous())).isEqualTo("1");
    }

    @Test
    void aWindowThatCanHoldNothingIsRefused() {
        assertThatThrownBy(() -> new WatchCache(10, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void aWatcherWhoseSelectionFailsIsEndedAndTheOthersStillGetTheChange() throws InterruptedException {
        WatchCache cache = cacheWith(10, Long.MAX_VALUE, 0, 1);
        Watcher broken = new Watcher(0, o -> {
            throw new IllegalStateException("cannot read the labels");
        }, 10);
        Watcher healthy = new Watcher(0, o -> true, 10);
        assertThat(cache.subscribe(broken, 0)).isTrue();
        assertThat(cache.subscribe(healthy, 0)).isTrue();

        cache.onEvent(put(1, 4));

        Watcher.Message error = broken.poll(Duration.ZERO);
        assertThat(error.type()).isEqualTo("ERROR");
        assertThat(error.object().path("message").asText()).contains("revision 1", "cannot read the labels");
        assertThat(broken.finished()).isTrue();
        assertThat(revisionsOf(healthy)).containsExactly(1L);
        cache.onEvent(put(2, 4));
        assertThat(revisionsOf(healthy)).containsExactly(2L);
    }

    @Test
    void aWatcherClosedByAFailedStoreWatchBookmarksNothingLaterThanItReceived() throws InterruptedException {
        WatchCache cache = cacheWith(10, Long.MAX_VALUE, 3, 1);
        Watcher watcher = new Watcher(3, o -> true, 10);
        assertThat(cache.subscribe(watcher, 3)).isTrue();

        cache.fail();
        cache.reset(40, List.of());

        assertThat(watcher.finished()).isTrue();
        assertThat(watcher.bookmarkRevision()).isEmpty();
        Watcher late = new Watcher(3, o -> true, 10);
        assertThat(cache.subscribe(late, 3)).as("the window after a restart does not reach back to 3").isFalse();
    }

    /** A ConfigMap named {@code name} in {@code namespace} as stored at {@code revision}. */
    private static KeyValue configMap(String namespace, String name, long revision, String value) {
        ObjectNode object = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", name).put("namespace", namespace);
        object.putObject("data").put("value", value);
        return new KeyValue("/registry/configmaps/" + namespace + "/" + name, Meta.encode(object), 1, revision, 1, 0);
    }

    private static List<String> listed(WatchCache cache, String prefix) {
        return cache.list(prefix).orElseThrow().objects().stream()
                .map(o -> Json.parse(o.json()))
                .map(o -> o.at("/metadata/namespace").asText() + "/" + o.at("/metadata/name").asText() + "@"
                        + o.at("/metadata/resourceVersion").asText() + "=" + o.at("/data/value").asText())
                .toList();
    }

    @Test
    void theCacheHoldsEveryObjectAsOfItsRevisionFromItsContentsAndTheChangesAfter() {
        WatchCache cache = new WatchCache(100, WatchSettings.DEFAULT_WINDOW_BYTES);
        cache.reset(10, List.of(configMap("a", "one", 3, "1"), configMap("a", "two", 4, "2"), configMap("b", "three", 5, "3")));

        cache.onEvent(new WatchEvent(WatchEvent.Type.PUT, configMap("a", "two", 11, "2b"), configMap("a", "two", 4, "2")));
        cache.onEvent(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue("/registry/configmaps/a/one", new byte[0], 0, 12, 0, 0),
                configMap("a", "one", 3, "1")));
        cache.onEvent(new WatchEvent(WatchEvent.Type.PUT, configMap("b", "four", 13, "4"), null));

        assertThat(cache.list("/registry/configmaps/").orElseThrow().revision()).isEqualTo(13);
        assertThat(listed(cache, "/registry/configmaps/"))
                .containsExactly("a/two@11=2b", "b/four@13=4", "b/three@5=3");
        assertThat(listed(cache, "/registry/configmaps/a/")).containsExactly("a/two@11=2b");
    }

    @Test
    void aCacheThatIsNotLiveListsNothing() {
        WatchCache cache = new WatchCache(100, WatchSettings.DEFAULT_WINDOW_BYTES);
        assertThat(cache.list("/registry/configmaps/")).isEmpty();
        cache.reset(10, List.of(configMap("a", "one", 3, "1")));

        cache.fail();

        assertThat(cache.list("/registry/configmaps/")).isEmpty();
    }
}
