package dev.orc.reconciler.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A watch listener that keeps what it receives, for assertions. */
final class EventCollector implements WatchListener {
    private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<StoreException> error = new AtomicReference<>();

    @Override
    public void onEvent(WatchEvent event) {
        events.add(event);
    }

    @Override
    public void onError(StoreException e) {
        error.compareAndSet(null, e);
    }

    List<WatchEvent> events() {
        return List.copyOf(events);
    }

    int size() {
        return events.size();
    }

    StoreException error() {
        return error.get();
    }

    List<Long> revisions() {
        return events.stream().map(WatchEvent::revision).toList();
    }

    List<String> keys() {
        return events.stream().map(e -> e.kv().key()).toList();
    }
}
