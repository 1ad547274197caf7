package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ListWatcher;
import dev.orc.api.meta.ResourceType;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted ListWatcher: lists what the test put there and hands the test the watch callbacks. */
public final class ScriptedSource implements ListWatcher {
    public volatile List<ObjectNode> items = List.of();
    public volatile String revision = "1";
    public final List<Events> watches = new CopyOnWriteArrayList<>();
    public final List<String> watchedFrom = new CopyOnWriteArrayList<>();
    public final AtomicInteger lists = new AtomicInteger();

    @Override
    public Listing list(ResourceType type) {
        lists.incrementAndGet();
        return new Listing(items, revision);
    }

    @Override
    public Handle watch(ResourceType type, String resourceVersion, Events events) {
        watchedFrom.add(resourceVersion);
        watches.add(events);
        return () -> { };
    }

    public Events lastWatch() {
        return watches.get(watches.size() - 1);
    }
}
