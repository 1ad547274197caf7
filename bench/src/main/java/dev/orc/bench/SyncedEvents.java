package dev.orc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.meta.ResourceTypes;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the {@code Synced} Events of one GitSource: the controller records one after each successful sync,
 * once its status is written, so their arrival is when a sync has applied everything.
 */
final class SyncedEvents implements AutoCloseable {
    /** One Synced event as it arrived: its message ({@code Synced commit ABC: ...}), repeat count and arrival time. */
    record Arrival(String message, int count, long nanos) {
    }

    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final WatchHandle watch;

    SyncedEvents(ApiClient client, String namespace, String source) {
        this.watch = client.watch(ResourceTypes.EVENT, namespace, ListOptions.all(), new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                JsonNode object = event.object();
                if (event.type() != WatchEvent.Type.DELETED && object.path("reason").asText().equals("Synced")
                        && object.path("involvedObject").path("name").asText().equals(source)) {
                    arrivals.add(new Arrival(object.path("message").asText(), object.path("count").asInt(1), System.nanoTime()));
                }
            }

            @Override
            public void onClose(ApiException failure) {
            }
        });
    }

    /** Waits for the next Synced event that reports {@code commit}; at most {@code timeout}. */
    Arrival next(String commit, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String prefix = "Synced commit " + commit.substring(0, 12);
        while (true) {
            long left = deadline - System.nanoTime();
            Arrival arrival = left <= 0 ? null : arrivals.poll(left, TimeUnit.NANOSECONDS);
            if (arrival == null) {
                throw new TimeoutException("no sync of commit " + commit.substring(0, 12) + " within " + timeout.toSeconds() + " s");
            }
            if (arrival.message().startsWith(prefix)) {
                return arrival;
            }
        }
    }

    /** Forgets what arrived so far, so that {@link #next} waits for what happens from now on. */
    void clear() {
        arrivals.clear();
    }

    @Override
    public void close() {
        watch.close();
    }
}
