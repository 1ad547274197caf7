package dev.orc.reconciler.manager;

import dev.orc.api.cache.ClientListWatcher;
import dev.orc.api.cache.Informer;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Views;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One informer per kind (and label selector), shared by every controller of the process. */
public final class SharedInformers implements AutoCloseable {
    private static final Duration RESYNC = Duration.ofMinutes(10);

    private final ApiClient client;
    private final Map<String, Informer<?>> informers = new ConcurrentHashMap<>();

    public SharedInformers(ApiClient client) {
        this.client = client;
    }

    public <T extends KubeObject> Informer<T> informer(ResourceType type, Class<T> view) {
        return informer(type, view, null);
    }

    /** The informer of {@code type} restricted to {@code labelSelector} (null for every object). */
    public <T extends KubeObject> Informer<T> informer(ResourceType type, Class<T> view, String labelSelector) {
        if (view != Views.of(type.kind())) {
            throw new IllegalArgumentException(type.plural() + " are viewed as " + Views.of(type.kind()).getSimpleName()
                    + ", not " + view.getSimpleName());
        }
        String key = type.qualifiedName() + "?" + (labelSelector == null ? "" : labelSelector);
        @SuppressWarnings("unchecked")
        Informer<T> informer = (Informer<T>) informers.computeIfAbsent(key, k -> new Informer<>(type, view,
                new ClientListWatcher(client, null, ListOptions.labelSelector(labelSelector)), RESYNC));
        return informer;
    }

    /** The informer of {@code type} viewed as its kind's record, for code that handles every kind alike. */
    public Informer<?> informer(ResourceType type) {
        return informer(type, Views.of(type.kind()));
    }

    public List<Informer<?>> all() {
        return new ArrayList<>(informers.values());
    }

    @Override
    public void close() {
        informers.values().forEach(Informer::close);
    }
}
