package dev.orc.bench;

import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Page;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** The benchmark's operations through orc's {@link Store}. */
final class StoreTarget implements BenchTarget {
    private static final Logger LOG = LoggerFactory.getLogger(StoreTarget.class);
    private final Store store;

    StoreTarget(Store store) {
        this.store = store;
    }

    @Override
    public long create(String key, byte[] value) {
        return store.create(key, value, 0).modRevision();
    }

    @Override
    public long update(String key, byte[] value, long expected) {
        return store.update(key, value, expected, 0).modRevision();
    }

    @Override
    public long get(String key) {
        return store.get(key).orElseThrow().modRevision();
    }

    @Override
    public int list(String prefix, int pageSize) {
        Page page = store.list(prefix, ListOptions.limit(pageSize));
        int count = page.items().size();
        while (page.continueKey() != null) {
            page = store.list(prefix, new ListOptions(pageSize, page.continueKey(), page.revision()));
            count += page.items().size();
        }
        return count;
    }

    @Override
    public AutoCloseable watch(String prefix, Consumer<String> onKey) {
        return store.watch(prefix, store.currentRevision(), new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                onKey.accept(event.kv().key());
            }

            @Override
            public void onError(StoreException error) {
                LOG.warn("watch of {} failed: {}", prefix, error.getMessage());
            }
        });
    }

    @Override
    public void close() {
        store.close();
    }
}
