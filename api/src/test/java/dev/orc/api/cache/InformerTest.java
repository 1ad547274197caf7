package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ScriptedSource;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
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
    private final Informer informer = new Informer(ResourceTypes.POD, source, Duration.ofHours(1));
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        informer.close();
    }

    private void startAndSync() throws InterruptedException {
        informer.addHandler(new EventHandler() {
            @Override
            public void onAdd(ObjectNode object) {
                seen.add("add " + ObjectKey.of(object));
            }

            @Override
            public void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
                seen.add("update " + ObjectKey.of(newObject));
            }

            @Override
            public void onDelete(ObjectNode object) {
                seen.add("delete " + ObjectKey.of(object));
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
        assertThat(informer.list()).extracting(o -> o.at("/metadata/resourceVersion").asText()).containsExactly("3");
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
    void objectsHandedOutCannotChangeTheCache() throws Exception {
        source.items = List.of(pod("a", "1"));
        startAndSync();
        ObjectNode copy = informer.get(new ObjectKey("default", "a")).orElseThrow();
        ((ObjectNode) copy.get("metadata")).put("name", "changed");
        assertThat(informer.get(new ObjectKey("default", "a")).orElseThrow().at("/metadata/name").asText()).isEqualTo("a");
        List<ObjectNode> all = new ArrayList<>(informer.list());
        assertThat(all).hasSize(1);
    }
}
