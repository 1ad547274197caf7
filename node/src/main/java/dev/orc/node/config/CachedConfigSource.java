package dev.orc.node.config;

import dev.orc.node.cluster.NodeApiException;
import dev.orc.node.cluster.NodeApi;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Secret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * ConfigMaps and Secrets read through the API and kept for a time-to-live, as the kubelet's "Cache"
 * change-detection strategy does: every pod sync may ask, the API sees at most one GET per object per
 * TTL. A change (or a creation) is therefore seen within the TTL plus the pod resync. When a refresh
 * fails, the last value read is used; with none, the failure propagates and the sync is retried.
 */
public final class CachedConfigSource implements ConfigSource {

    private record Entry<T>(Optional<T> value, Instant readAt) {
    }

    /** Past this many entries, those older than ten TTLs (objects no pod asked for lately) are dropped. */
    private static final int PRUNE_ABOVE = 1024;

    private final NodeApi api;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry<ConfigMap>> configMaps = new ConcurrentHashMap<>();
    private final Map<String, Entry<Secret>> secrets = new ConcurrentHashMap<>();
    private final Map<String, Entry<PersistentVolumeClaim>> claims = new ConcurrentHashMap<>();

    public CachedConfigSource(NodeApi api, Clock clock, Duration ttl) {
        this.api = api;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return cached(configMaps, namespace + "/" + name, () -> api.configMap(namespace, name));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return cached(secrets, namespace + "/" + name, () -> api.secret(namespace, name));
    }

    @Override
    public Optional<PersistentVolumeClaim> persistentVolumeClaim(String namespace, String name) {
        return cached(claims, namespace + "/" + name, () -> api.persistentVolumeClaim(namespace, name));
    }

    private <T> Optional<T> cached(Map<String, Entry<T>> cache, String key, Supplier<Optional<T>> read) {
        Instant now = clock.instant();
        Entry<T> entry = cache.get(key);
        if (entry != null && now.isBefore(entry.readAt().plus(ttl))) {
            return entry.value();
        }
        try {
            Optional<T> value = read.get();
            cache.put(key, new Entry<>(value, now));
            if (cache.size() > PRUNE_ABOVE) {
                Instant stale = now.minus(ttl.multipliedBy(10));
                cache.values().removeIf(e -> e.readAt().isBefore(stale));
            }
            return value;
        } catch (NodeApiException e) {
            if (entry != null) {
                return entry.value();
            }
            throw e;
        }
    }
}
