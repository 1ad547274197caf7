package dev.orc.reconciler.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WatcherTest {
    private static DecodedEvent added(long revision, String name) {
        ObjectNode object = Json.object();
        object.putObject("metadata").put("name", name).put("resourceVersion", Long.toString(revision));
        return DecodedEvent.of("ADDED", revision, object, null);
    }

    @Test
    void aWatcherThatFallsBehindItsQueueIsDroppedAndHoldsNothing() throws InterruptedException {
        Watcher watcher = new Watcher(0, o -> true, 2);

        watcher.offer(added(1, "a"));
        watcher.offer(added(2, "b"));
        watcher.offer(added(3, "c"));

        assertThat(watcher.overflowed()).isTrue();
        assertThat(watcher.finished()).isTrue();
        assertThat(watcher.poll(Duration.ZERO)).isNull();
    }

    @Test
    void eventsAtOrBeforeTheStartingRevisionAreSkipped() throws InterruptedException {
        Watcher watcher = new Watcher(5, o -> true, 10);

        watcher.offer(added(5, "old"));
        watcher.offer(added(6, "new"));

        assertThat(watcher.poll(Duration.ZERO).object().get("metadata").get("name").asText()).isEqualTo("new");
        assertThat(watcher.poll(Duration.ZERO)).isNull();
    }
}
