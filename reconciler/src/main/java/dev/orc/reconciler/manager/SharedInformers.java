package dev.orc.reconciler.manager;

import dev.orc.api.cache.ClientListWatcher;
import dev.orc.api.cache.Informer;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One informer per kind (and label selector), shared by every controller of the process. */
public final class SharedInformers implements AutoCloseable {
    private static final Duration RESYNC = Duration.ofMinutes(10);

    private final ApiClient client;
    private final Map<String, Informer> informers = new ConcurrentHashMap<>();

    public SharedInformers(ApiClient client) {
        this.client = client;
    }

    public Informer informer(ResourceType type) {
        return informer(type, null);
    }

    /** The informer of {@code type} restricted to {@code labelSelector} (null for every object). */
    public Informer informer(ResourceType type, String labelSelector) {
        String key = type.qualifiedName() + "?" + (labelSelector == null ? "" : labelSelector);
        return informers.computeIfAbsent(key, k -> new Informer(type, new ClientListWatcher(client, null, ListOptions.labelSelector(labelSelector)), RESYNC));
    }

    public List<Informer> all() {
        return new ArrayList<>(informers.values());
    }

    @Override
    public void close() {
        informers.values().forEach(Informer::close);
    }
}
