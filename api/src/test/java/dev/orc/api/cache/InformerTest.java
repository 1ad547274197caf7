package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InformerTest {
    static ObjectNode pod(String name, String rv) {
        ObjectNode pod = Json.object();
        pod.put("kind", "Pod");
        pod.putObject("metadata").put("namespace", "default").put("name", name).put("resourceVersion", rv);
        return pod;
    }

    private final ScriptedSource source = new ScriptedSource();
    private final Informer<Pod> informer = new Informer<>(ResourceTypes.POD, Pod.class, source, Duration.ofHours(1));
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Cached<Pod>> handed = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        informer.close();
    }

    private void startAndSync() throws InterruptedException {
        informer.addHandler(new EventHandler<>() {
            @Override
            public void onAdd(Cached<Pod> object) {
                seen.add("add " + object.key());
                handed.add(object);
            }

            @Override
            public void onUpdate(Cached<Pod> oldObject, Cached<Pod> newObject) {
                seen.add("update " + newObject.key());
                handed.add(newObject);
            }

            @Override
            public void onDelete(Cached<Pod> object) {
                seen.add("delete " + object.key());
            }
        });
        informer.start();
        assertThat(informer.waitForSync(Duration.ofSeconds(10))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !source.watches.isEmpty());
    }

    @Test
    void listsThenFollowsTheWatch() throws Exception {
        source.items = List.of(pod("a", "1"));
        startAndSync();
        assertThat(source.watchedFrom).containsExactly("1");
        source.lastWatch().onEvent(ListWatcher.EventType.ADDED, pod("b", "2"));
        source.lastWatch().onEvent(ListWatcher.EventType.MODIFIED, pod("a", "3"));
        source.lastWatch().onEvent(ListWatcher.EventType.DELETED, pod("b", "4"));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 4);
        assertThat(seen).containsExactly("add default/a", "add default/b", "update default/a", "delete default/b");
        assertThat(informer.list()).extracting(Cached::resourceVersion).containsExactly("3");
    }

    @Test
    void reListsWhenTheWatchRevisionIsGoneAndNoticesDeletesAsAbsence() throws Exception {
        source.items = List.of(pod("a", "1"), pod("b", "1"));
        startAndSync();
        source.items = List.of(pod("a", "7"));
        source.revision = "7";
        source.lastWatch().onClose(true, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> source.watchedFrom.size() == 2);
        assertThat(source.watchedFrom).containsExactly("1", "7");
        assertThat(seen).contains("delete default/b", "update default/a");
        assertThat(informer.get(new ObjectKey("default", "b"))).isEmpty();
    }

    @Test
    void reWatchesFromTheLastSeenRevisionAfterAnError() throws Exception {
        startAndSync();
        source.lastWatch().onEvent(ListWatcher.EventType.ADDED, pod("a", "5"));
        source.lastWatch().onClose(false, new RuntimeException("connection reset"));
        await().atMost(Duration.ofSeconds(10)).until(() -> source.watchedFrom.size() == 2);
        assertThat(source.watchedFrom).containsExactly("1", "5");
        assertThat(source.lists.get()).isEqualTo(1);
    }

    @Test
    void everyReaderAndHandlerGetsTheSameValueConvertedOnce() throws Exception {
        source.items = List.of(pod("a", "1"));
        startAndSync();
        Cached<Pod> first = informer.get(new ObjectKey("default", "a")).orElseThrow();
        Cached<Pod> second = informer.get(new ObjectKey("default", "a")).orElseThrow();

        assertThat(second).isSameAs(first);
        assertThat(informer.list()).singleElement().isSameAs(first);
        assertThat(informer.byIndex(Index.NAMESPACE, "default")).singleElement().isSameAs(first);
        assertThat(handed).singleElement().isSameAs(first);
        assertThat(second.view()).isSameAs(first.view());
    }

    @Test
    void aValueHandedOutCannotChangeTheCache() throws Exception {
        source.items = List.of(pod("a", "1"));
        startAndSync();
        Cached<Pod> cached = informer.get(new ObjectKey("default", "a")).orElseThrow();

        ((ObjectNode) cached.copy().get("metadata")).put("name", "changed");
        ((ObjectNode) cached.at("/metadata")).put("name", "changed");

        assertThat(informer.get(new ObjectKey("default", "a")).orElseThrow().text("/metadata/name")).isEqualTo("a");
        assertThat(cached.view().name()).isEqualTo("a");
    }

    @Test
    void indexesFollowAddsUpdatesDeletesAndReLists() throws Exception {
        source.items = List.of(pod("a", "1"), onNode(pod("b", "1"), "n1"));
        startAndSync();
        assertThat(names(informer.byIndex(Index.NODE, "n1"))).containsExactly("b");

        source.lastWatch().onEvent(ListWatcher.EventType.MODIFIED, onNode(pod("a", "2"), "n1"));
        source.lastWatch().onEvent(ListWatcher.EventType.MODIFIED, onNode(pod("b", "3"), "n2"));
        source.lastWatch().onEvent(ListWatcher.EventType.ADDED, pod("c", "4"));
        await().atMost(Duration.ofSeconds(10)).until(() -> informer.list().size() == 3);
        assertThat(names(informer.byIndex(Index.NODE, "n1"))).containsExactly("a");
        assertThat(names(informer.byIndex(Index.NODE, "n2"))).containsExactly("b");

        source.lastWatch().onEvent(ListWatcher.EventType.DELETED, pod("a", "5"));
        await().atMost(Duration.ofSeconds(10)).until(() -> informer.list().size() == 2);
        assertThat(informer.byIndex(Index.NODE, "n1")).isEmpty();
        assertThat(names(informer.byIndex(Index.NAMESPACE, "default"))).containsExactlyInAnyOrder("b", "c");

        source.items = List.of(onNode(pod("c", "7"), "n1"));
        source.revision = "7";
        source.lastWatch().onClose(true, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> source.watchedFrom.size() == 2);
        assertThat(names(informer.byIndex(Index.NAMESPACE, "default"))).containsExactly("c");
        assertThat(names(informer.byIndex(Index.NODE, "n1"))).containsExactly("c");
        assertThat(informer.byIndex(Index.NODE, "n2")).isEmpty();
    }

    private static ObjectNode onNode(ObjectNode pod, String node) {
        pod.putObject("spec").put("nodeName", node);
        return pod;
    }

    private static List<String> names(List<Cached<Pod>> objects) {
        return objects.stream().map(Cached::name).toList();
    }

    @Test
    void aWatchFasterThanTheHandlersWaitsOnceTheQueueIsFullAndNothingIsLost() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Informer<Pod> small = new Informer<>(ResourceTypes.POD, Pod.class, source, Duration.ofHours(1), 3);
        List<String> handled = new CopyOnWriteArrayList<>();
        small.addHandler(EventHandler.enqueue(object -> {
            handled.add(object.key().name());
            if (object.key().name().equals("slow")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        try {
            small.start();
            assertThat(small.waitForSync(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !source.watches.isEmpty());
            ListWatcher.Events watch = source.lastWatch();
            watch.onEvent(ListWatcher.EventType.ADDED, pod("slow", "2"));
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("slow"));
            java.util.concurrent.CompletableFuture<Void> producer = java.util.concurrent.CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 5; i++) {
                    watch.onEvent(ListWatcher.EventType.ADDED, pod("p" + i, Integer.toString(3 + i)));
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> small.pendingSignals() == 3);
            assertThat(producer).as("the fourth waiting event waits for room").isNotDone();

            release.countDown();
            producer.get(10, java.util.concurrent.TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 6);
            assertThat(handled).containsExactly("slow", "p0", "p1", "p2", "p3", "p4");
        } finally {
            release.countDown();
            small.close();
        }
    }
}
