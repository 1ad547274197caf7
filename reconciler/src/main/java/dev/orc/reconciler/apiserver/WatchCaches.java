package dev.orc.reconciler.apiserver;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.store.Store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One {@link WatchCache} per resource type, started and stopped together. */
public final class WatchCaches implements AutoCloseable {
    private final Map<ResourceType, WatchCache> caches = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("watch-cache-restart").factory());

    public WatchCaches(Store store, int windowSize) {
        for (ResourceType type : ResourceTypes.all()) {
            caches.put(type, new WatchCache(type, store, windowSize, scheduler));
        }
    }

    public void start() {
        caches.values().forEach(WatchCache::start);
    }

    WatchCache of(ResourceType type) {
        return caches.get(type);
    }

    @Override
    public void close() {
        caches.values().forEach(WatchCache::stop);
        scheduler.shutdownNow();
    }
}
