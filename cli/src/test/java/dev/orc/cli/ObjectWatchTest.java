package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ListWatcher;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.cache.testing.MemorySource;
import dev.orc.api.status.ApiException;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ObjectWatchTest {
    private final DroppingSource source = new DroppingSource();
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private Thread following;

    @AfterEach
    void stop() throws InterruptedException {
        if (following != null) {
            following.interrupt();
            assertThat(following.join(Duration.ofSeconds(10))).as("the watch stopped when interrupted").isTrue();
        }
    }

    @Test
    void theListComesWholeInKeyOrderThenEachChange() {
        source.put("b", "1");
        source.put("a", "1");
        follow(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> printed.size() == 1);
        source.put("c", "1");
        source.put("a", "2");
        source.delete("b");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(printed)
                .containsExactly("listed [a=1, b=1]", "changed c=1", "changed a=2", "changed b=1"));
    }

    @Test
    void aDroppedWatchResumesWhereItWasWithoutRepeatingOrLosingAChange() {
        source.put("a", "1");
        follow(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> printed.size() == 1 && source.open() == 1);
        source.drop(false);
        source.put("b", "1");
        source.put("a", "2");
        await().atMost(Duration.ofSeconds(10)).until(() -> source.watches() == 2);
        source.put("c", "1");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(printed)
                .containsExactly("listed [a=1]", "changed b=1", "changed a=2", "changed c=1"));
        assertThat(source.lists()).isEqualTo(1);
    }

    @Test
    void aWatchWhoseRevisionIsGoneListsAgainAndPrintsOnlyWhatDiffers() {
        source.put("a", "1");
        source.put("b", "1");
        source.put("c", "1");
        follow(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> printed.size() == 1 && source.open() == 1);
        source.drop(true);
        source.put("b", "2");
        source.delete("c");
        source.put("d", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> source.lists() == 2 && source.open() == 1);
        source.put("e", "1");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(printed).first().isEqualTo("listed [a=1, b=1, c=1]");
            assertThat(printed).last().isEqualTo("changed e=1");
            assertThat(printed.subList(1, printed.size() - 1))
                    .containsExactlyInAnyOrder("changed b=2", "changed c=1", "changed d=1");
        });
    }

    @Test
    void itReturnsWhenTheLimitHasPassed() throws Exception {
        source.put("a", "1");
        ObjectWatch.follow(source, ResourceTypes.CONFIG_MAP, Duration.ofMillis(300), printer());
        assertThat(printed).containsExactly("listed [a=1]");
    }

    @Test
    void aFailureTheServerAnsweredEndsTheWatch() {
        source.put("a", "1");
        source.failWatchesWith(new ApiException.Forbidden("configmaps is forbidden"));

        assertThatThrownBy(() -> ObjectWatch.follow(source, ResourceTypes.CONFIG_MAP, Duration.ofSeconds(30), printer()))
                .isInstanceOf(ApiException.class).hasMessage("configmaps is forbidden");
    }

    @Test
    void aFailureOfTheFirstListIsThrownToTheCaller() {
        source.failListsWith(ApiException.unreachable("connection refused", null));

        assertThatThrownBy(() -> ObjectWatch.follow(source, ResourceTypes.CONFIG_MAP, Duration.ofSeconds(30), printer()))
                .isInstanceOf(ApiException.class).hasMessageContaining("connection refused");
        assertThat(printed).isEmpty();
        assertThat(source.watches()).isZero();
    }

    @Test
    void anUnreachableServerEndsTheWatchAfterSeveralFailuresInARow() {
        source.put("a", "1");
        source.failWatchesWith(ApiException.unreachable("connection refused", null));

        assertThatThrownBy(() -> ObjectWatch.follow(source, ResourceTypes.CONFIG_MAP, Duration.ofSeconds(30), printer()))
                .isInstanceOf(ApiException.class).hasMessageContaining("connection refused");
        assertThat(source.watches()).isEqualTo(ObjectWatch.UNREACHABLE_IN_A_ROW);
    }

    private void follow(Duration limit) {
        following = Thread.ofVirtual().start(() -> {
            try {
                ObjectWatch.follow(source, ResourceTypes.CONFIG_MAP, limit, printer());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private ObjectWatch.Printer printer() {
        return new ObjectWatch.Printer() {
            @Override
            public void listed(List<ObjectNode> objects) {
                printed.add("listed " + objects.stream().map(ObjectWatchTest::show).toList());
            }

            @Override
            public void changed(ObjectNode object) {
                printed.add("changed " + show(object));
            }
        };
    }

    private static String show(ObjectNode configMap) {
        return configMap.path("metadata").path("name").asText() + "=" + configMap.path("data").path("v").asText();
    }

    /** A {@link MemorySource} of ConfigMaps whose watches the test can end, answer as gone, or fail. */
    private static final class DroppingSource implements ListWatcher {
        private record Open(Events events, Handle handle) {
        }

        private final MemorySource memory = new MemorySource();
        private final List<Open> open = new CopyOnWriteArrayList<>();
        private final AtomicInteger lists = new AtomicInteger();
        private final AtomicInteger watches = new AtomicInteger();
        private volatile boolean goneNext;
        private volatile ApiException failure;
        private volatile ApiException listFailure;

        void put(String name, String value) {
            memory.put((ObjectNode) Json.tree(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("namespace", "default", "name", name), "data", Map.of("v", value))));
        }

        void delete(String name) {
            memory.delete(new ObjectKey("default", name));
        }

        /** Ends every open watch as a server ending it would; with {@code gone}, the next watch is answered 410. */
        void drop(boolean gone) {
            goneNext = gone;
            for (Open watch : new ArrayList<>(open)) {
                open.remove(watch);
                watch.handle().close();
                watch.events().onClose(false, null);
            }
        }

        void failListsWith(ApiException failure) {
            this.listFailure = failure;
        }

        void failWatchesWith(ApiException failure) {
            this.failure = failure;
        }

        int open() {
            return open.size();
        }

        int lists() {
            return lists.get();
        }

        int watches() {
            return watches.get();
        }

        @Override
        public Listing list(ResourceType type) {
            lists.incrementAndGet();
            if (listFailure != null) {
                throw listFailure;
            }
            return memory.list(type);
        }

        @Override
        public Handle watch(ResourceType type, String resourceVersion, Events events) {
            watches.incrementAndGet();
            if (failure != null) {
                events.onClose(false, failure);
                return () -> { };
            }
            if (goneNext) {
                goneNext = false;
                events.onClose(true, new ApiException.Gone("Expired", "too old resource version"));
                return () -> { };
            }
            Open watch = new Open(events, memory.watch(type, resourceVersion, events));
            open.add(watch);
            return () -> {
                open.remove(watch);
                watch.handle().close();
            };
        }
    }
}
