package dev.orc.reconciler.controller.gc;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.Index;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.KubeObject;

import java.util.List;
import java.util.Optional;

/** A cache that has not seen the objects of the hidden names yet, as an informer that lags behind the registry. */
final class HidingCache<T extends KubeObject> implements ObjectCache<T> {
    private final ObjectCache<T> source;
    private final List<String> hidden;

    HidingCache(ObjectCache<T> source, List<String> hidden) {
        this.source = source;
        this.hidden = List.copyOf(hidden);
    }

    @Override
    public Optional<Cached<T>> get(ObjectKey key) {
        return hidden.contains(key.name()) ? Optional.empty() : source.get(key);
    }

    @Override
    public List<Cached<T>> list(String namespace) {
        return source.list(namespace).stream().filter(object -> !hidden.contains(object.name())).toList();
    }

    @Override
    public List<Cached<T>> byIndex(Index index, String value) {
        return source.byIndex(index, value).stream().filter(object -> !hidden.contains(object.name())).toList();
    }
}
