package dev.orc.node;

import dev.orc.node.cluster.NodeApi;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** List, then watch from the list's revision; on any end of the watch, back off and list again. */
final class WatchLoop<T> implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchLoop.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final ApiClient client;
    private final ResourceType type;
    private final Class<T> kind;
    private final ListOptions options;
    private final String what;
    private final NodeApi.Handler<T> handler;
    private volatile boolean stopped;
    private volatile WatchHandle current;

    WatchLoop(ApiClient client, ResourceType type, Class<T> kind, ListOptions options, String what,
              NodeApi.Handler<T> handler) {
        this.client = client;
        this.type = type;
        this.kind = kind;
        this.options = options;
        this.what = what;
        this.handler = handler;
    }

    void stop() {
        stopped = true;
        WatchHandle handle = current;
        if (handle != null) {
            handle.close();
        }
    }

    @Override
    public void run() {
        Duration retry = FIRST_RETRY;
        while (!stopped) {
            try {
                ObjectNode list = client.listAll(type, null, options);
                List<T> objects = new ArrayList<>();
                list.path("items").forEach(item -> objects.add(Json.convert(item, kind)));
                handler.replaceAll(objects);
                retry = FIRST_RETRY;
                CompletableFuture<ApiException> closed = new CompletableFuture<>();
                current = client.watch(type, null,
                        options.withResourceVersion(list.path("metadata").path("resourceVersion").asText()).withBookmarks(true),
                        new Listener(closed));
                if (stopped) {
                    current.close();
                }
                ApiException failure = closed.get();
                if (failure != null && !failure.isGone()) {
                    LOG.warn("watch of {} failed: {}", what, failure.getMessage());
                    retry = sleep(retry);
                } else if (!stopped) {
                    sleep(FIRST_RETRY);
                }
            } catch (ApiException e) {
                LOG.warn("listing {} failed: {}", what, e.getMessage());
                retry = sleep(retry);
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                LOG.warn("handling {} failed, retrying: {}", what, e.getMessage());
                retry = sleep(retry);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                retry = sleep(retry);
            }
        }
    }

    private Duration sleep(Duration retry) {
        try {
            TimeUnit.MILLISECONDS.sleep(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
        Duration doubled = retry.multipliedBy(2);
        return doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
    }

    private final class Listener implements WatchListener {
        private final CompletableFuture<ApiException> closed;

        Listener(CompletableFuture<ApiException> closed) {
            this.closed = closed;
        }

        @Override
        public void onEvent(WatchEvent event) {
            if (event.type() == WatchEvent.Type.BOOKMARK) {
                return;
            }
            T object = Json.convert(event.object(), kind);
            if (event.type() == WatchEvent.Type.DELETED) {
                handler.delete(object);
            } else {
                handler.upsert(object);
            }
        }

        @Override
        public void onClose(ApiException failure) {
            closed.complete(failure);
        }
    }
}
