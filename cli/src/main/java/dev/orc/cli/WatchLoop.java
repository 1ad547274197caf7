package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.wait.Backoff;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a watch for {@code -w}: hands each change to {@code onEvent} on the caller's thread, re-connects
 * from the last resourceVersion when the server ends a watch (with backoff, a bounded number of failures in a
 * row), and returns when {@code limit} has passed (null: until the process is stopped).
 */
final class WatchLoop {
    private static final Backoff RECONNECT = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5));
    private static final int MAX_FAILURES_IN_A_ROW = 5;

    private sealed interface Signal permits Change, End {
    }

    private record Change(WatchEvent event) implements Signal {
    }

    private record End(ApiException failure) implements Signal {
    }

    private WatchLoop() {
    }

    static void run(ApiClient client, ResourceType type, String namespace, ListOptions options, String fromVersion,
                    Duration limit, Consumer<WatchEvent> onEvent) throws InterruptedException {
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        String version = fromVersion;
        Backoff.Failures reconnects = RECONNECT.failures();
        int failures = 0;
        while (System.nanoTime() < deadline) {
            BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
            WatchHandle handle = client.watch(type, namespace, options.withResourceVersion(version).withBookmarks(true),
                    new WatchListener() {
                        @Override
                        public void onEvent(WatchEvent event) {
                            signals.add(new Change(event));
                        }

                        @Override
                        public void onClose(ApiException failure) {
                            signals.add(new End(failure));
                        }
                    });
            try {
                End end = null;
                while (end == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    Signal signal = signals.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                    if (signal instanceof Change change) {
                        version = change.event().resourceVersion().isEmpty() ? version : change.event().resourceVersion();
                        if (change.event().type() != WatchEvent.Type.BOOKMARK) {
                            onEvent.accept(change.event());
                            reconnects.reset();
                            failures = 0;
                        }
                    } else if (signal instanceof End ended) {
                        end = ended;
                    }
                }
                if (end.failure() != null) {
                    if (end.failure().isGone()) {
                        throw new ApiException(410, "Expired", "the watch fell too far behind the server ("
                                + end.failure().getMessage() + "); run the command again", java.util.List.of());
                    }
                    if (!end.failure().isUnreachable() || ++failures >= MAX_FAILURES_IN_A_ROW) {
                        throw end.failure();
                    }
                }
            } finally {
                handle.close();
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(reconnects.next().toNanos(), Math.max(0, deadline - System.nanoTime())));
        }
    }
}
