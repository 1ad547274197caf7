package dev.orc.reconciler.apiserver.http;

import dev.orc.reconciler.store.KeyValue;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.Page;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.Watch;
import dev.orc.reconciler.store.WatchListener;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** A store that reports how long each call took to {@link ApiMetrics}; it owns nothing and closes nothing. */
public final class TimedStore implements Store {
    private final Store delegate;
    private final ApiMetrics metrics;

    public TimedStore(Store delegate, ApiMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            metrics.storeCall(operation, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public long currentRevision() {
        return timed("currentRevision", delegate::currentRevision);
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return timed("get", () -> delegate.get(key));
    }

    @Override
    public Page list(String prefix, ListOptions options) {
        return timed("list", () -> delegate.list(prefix, options));
    }

    @Override
    public Optional<KeyValue> getWithoutQuorum(String key) {
        return timed("get", () -> delegate.getWithoutQuorum(key));
    }

    @Override
    public Page listWithoutQuorum(String prefix, ListOptions options) {
        return timed("list", () -> delegate.listWithoutQuorum(prefix, options));
    }

    @Override
    public KeyValue create(String key, byte[] value, long lease) {
        return timed("create", () -> delegate.create(key, value, lease));
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision, long lease) {
        return timed("update", () -> delegate.update(key, value, expectedModRevision, lease));
    }

    @Override
    public Optional<KeyValue> delete(String key, long expectedModRevision) {
        return timed("delete", () -> delegate.delete(key, expectedModRevision));
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        return timed("watch", () -> delegate.watch(prefix, afterRevision, listener));
    }

    @Override
    public long grantLease(Duration ttl) {
        return timed("grantLease", () -> delegate.grantLease(ttl));
    }

    @Override
    public void keepAlive(long lease) {
        timed("keepAlive", () -> {
            delegate.keepAlive(lease);
            return null;
        });
    }

    @Override
    public void revokeLease(long lease) {
        timed("revokeLease", () -> {
            delegate.revokeLease(lease);
            return null;
        });
    }

    @Override
    public void compact(long revision) {
        timed("compact", () -> {
            delegate.compact(revision);
            return null;
        });
    }

    @Override
    public void close() {
        // the caller that opened the store closes it
    }
}
