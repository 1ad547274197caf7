package dev.orc.reconciler.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Events expire a TTL after their last write, as kube-apiserver's {@code --event-ttl}; other objects stay. */
class EventTtlTest {
    private static final Duration TTL = Duration.ofSeconds(1);

    private SqliteStore store;
    private ObjectRegistry registry;

    @BeforeEach
    void open() throws Exception {
        store = SqliteStore.open(Files.createTempDirectory("orc-event-ttl"));
        registry = new ObjectRegistry(store, Clock.systemUTC(), ApiServerConfig.of("127.0.0.1", 0, store).admission(),
                new SecureRandom(), WriteHooks.NONE, TTL);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ObjectNode event(String name) {
        ObjectNode event = Json.object().put("apiVersion", "v1").put("kind", "Event");
        event.putObject("metadata").put("name", name).put("namespace", "default");
        event.putObject("involvedObject").put("kind", "Pod").put("name", "p").put("namespace", "default");
        event.put("reason", "Scheduled").put("message", "assigned").put("type", "Normal").put("count", 1);
        return event;
    }

    @Test
    void anEventGoesAfterItsTtlWhileOtherObjectsStay() {
        registry.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace("default"), false);
        registry.create(ResourceTypes.EVENT, "default", event("p.1"), false);
        registry.create(ResourceTypes.CONFIG_MAP, "default", Fixtures.configMap("kept", "1"), false);
        assertThat(registry.get(ResourceTypes.EVENT, "default", "p.1")).isNotNull();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> registry.get(ResourceTypes.EVENT, "default", "p.1"))
                        .isInstanceOf(ApiException.NotFound.class));
        assertThat(registry.get(ResourceTypes.CONFIG_MAP, "default", "kept")).isNotNull();
    }

    @Test
    void anUpdatedEventKeepsALease() {
        registry.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace("default"), false);
        registry.create(ResourceTypes.EVENT, "default", event("p.2"), false);
        registry.modify(ResourceTypes.EVENT, "default", "p.2", e -> e.put("count", 2), ObjectRegistry.Part.MAIN, false);
        assertThat(store.get(ResourceTypes.EVENT.storeKey("default", "p.2")).orElseThrow().lease()).isNotZero();
    }

    @Test
    void eventsWrittenCloseTogetherShareOneLeaseAndOtherKindsTakeNone() {
        ObjectRegistry hourly = new ObjectRegistry(store, Clock.systemUTC(),
                ApiServerConfig.of("127.0.0.1", 0, store).admission(), new SecureRandom(), WriteHooks.NONE);
        hourly.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace("default"), false);
        for (int i = 0; i < 5; i++) {
            hourly.create(ResourceTypes.EVENT, "default", event("e." + i), false);
        }
        hourly.create(ResourceTypes.CONFIG_MAP, "default", Fixtures.configMap("plain", "1"), false);
        long first = store.get(ResourceTypes.EVENT.storeKey("default", "e.0")).orElseThrow().lease();
        assertThat(first).isNotZero();
        for (int i = 1; i < 5; i++) {
            assertThat(store.get(ResourceTypes.EVENT.storeKey("default", "e." + i)).orElseThrow().lease()).isEqualTo(first);
        }
        assertThat(store.get(ResourceTypes.CONFIG_MAP.storeKey("default", "plain")).orElseThrow().lease()).isZero();
    }
}
