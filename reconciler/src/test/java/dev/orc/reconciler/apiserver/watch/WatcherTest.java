package dev.orc.reconciler.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

    @Test
    void aCloseWakesAStreamWaitingForTheNextMessage() throws Exception {
        Watcher watcher = new Watcher(0, o -> true, 10);
        CompletableFuture<Watcher.Message> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return watcher.poll(Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        watcher.close();

        assertThat(waiting.get(30, TimeUnit.SECONDS)).isNull();
        assertThat(watcher.finished()).isTrue();
    }

    @Test
    void aBookmarkCarriesOnlyTheRevisionOfWhatTheWatcherDelivered() throws InterruptedException {
        Watcher watcher = new Watcher(5, o -> o.path("metadata").path("name").asText().startsWith("web"), 10);
        assertThat(watcher.bookmarkRevision()).hasValue(5);

        watcher.offer(added(6, "web-1"));
        assertThat(watcher.bookmarkRevision()).as("an undelivered change is pending").isEmpty();
        watcher.poll(Duration.ZERO);
        watcher.offer(added(7, "db-1"));
        assertThat(watcher.bookmarkRevision()).as("a change it does not select still counts").hasValue(7);

        watcher.caughtUpTo(9);
        assertThat(watcher.bookmarkRevision()).hasValue(9);
        watcher.close();
        watcher.caughtUpTo(20);
        assertThat(watcher.bookmarkRevision()).as("a closed watcher bookmarks nothing").isEmpty();
    }
}
