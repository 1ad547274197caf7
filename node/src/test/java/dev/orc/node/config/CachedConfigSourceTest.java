package dev.orc.node.config;

import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.ObjectMeta;
import dev.orc.node.RegistryNodeApi;
import dev.orc.node.pod.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class CachedConfigSourceTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final RegistryNodeApi api = new RegistryNodeApi(clock);
    private final CachedConfigSource source = new CachedConfigSource(api, clock, Duration.ofSeconds(2));

    @AfterEach
    void close() {
        api.close();
    }

    private static ConfigMap map(String value) {
        return ConfigMap.of(ObjectMeta.of("default", "settings"), Map.of("k", value));
    }

    private Optional<String> value() {
        return source.configMap("default", "settings").map(m -> m.data().get("k"));
    }

    @Test
    void aChangeOrACreationIsSeenOnceTheTimeToLiveHasPassed() {
        assertThat(value()).isEmpty();
        api.put(map("1"));
        assertThat(value()).as("absence is cached too").isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(value()).contains("1");

        api.put(map("2"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(value()).contains("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(value()).contains("2");
    }
}
