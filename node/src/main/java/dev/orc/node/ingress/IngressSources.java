package dev.orc.node.ingress;

import dev.orc.api.ingress.TlsBinding;
import dev.orc.api.ingress.RouteTable;
import dev.orc.api.ingress.RouteTableBuilder;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Service;
import dev.orc.node.cluster.NodeApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * What the ingress serves from: the Ingresses, IngressClasses, Services, Endpoints and {@code kubernetes.io/tls}
 * Secrets of the cluster, each kept by a watch. Once every kind has been listed, each change builds a new route
 * table and hands it, with the keys of the Secrets it names, to the subscriber (the {@link IngressServer}). A Secret
 * is read again only when its resourceVersion changes; one that holds no usable key is said once in the log.
 */
public final class IngressSources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngressSources.class);
    private static final List<Kind<?>> KINDS = List.of(new Kind<>(ResourceTypes.INGRESS, Ingress.class, null),
            new Kind<>(ResourceTypes.INGRESS_CLASS, IngressClass.class, null),
            new Kind<>(ResourceTypes.SERVICE, Service.class, null), new Kind<>(ResourceTypes.ENDPOINTS, Endpoints.class, null),
            new Kind<>(ResourceTypes.SECRET, Secret.class, TlsBinding.TLS_SECRETS));

    /** A kind the ingress watches, and which of its objects (null: all). */
    private record Kind<T extends KubeObject>(ResourceType type, Class<T> view, String fieldSelector) {
    }

    private record Parsed(String resourceVersion, TlsKeys keys) {
    }

    private final BiConsumer<RouteTable, Map<String, TlsKeys>> subscriber;
    private final Map<ResourceType, Map<String, KubeObject>> objects = new HashMap<>();
    private final Map<String, Parsed> parsed = new HashMap<>();
    private final List<AutoCloseable> watches = new ArrayList<>();

    private IngressSources(BiConsumer<RouteTable, Map<String, TlsKeys>> subscriber) {
        this.subscriber = subscriber;
    }

    /** Starts the watches; closing the result stops them. */
    public static IngressSources watch(NodeApi api, BiConsumer<RouteTable, Map<String, TlsKeys>> subscriber) {
        IngressSources sources = new IngressSources(subscriber);
        for (Kind<?> kind : KINDS) {
            sources.watches.add(sources.watch(api, kind));
        }
        return sources;
    }

    private <T extends KubeObject> AutoCloseable watch(NodeApi api, Kind<T> kind) {
        return api.watchAll(kind.type(), kind.view(), kind.fieldSelector(), new NodeApi.Handler<>() {
            @Override
            public void replaceAll(List<T> all) {
                synchronized (IngressSources.this) {
                    Map<String, KubeObject> current = new LinkedHashMap<>();
                    all.stream().filter(IngressSources::kept).forEach(o -> current.put(key(o), o));
                    objects.put(kind.type(), current);
                    changed();
                }
            }

            @Override
            public void upsert(T object) {
                synchronized (IngressSources.this) {
                    Map<String, KubeObject> current = objects.computeIfAbsent(kind.type(), k -> new LinkedHashMap<>());
                    if (kept(object)) {
                        current.put(key(object), object);
                    } else {
                        current.remove(key(object));
                    }
                    changed();
                }
            }

            @Override
            public void delete(T object) {
                synchronized (IngressSources.this) {
                    objects.computeIfAbsent(kind.type(), k -> new LinkedHashMap<>()).remove(key(object));
                    changed();
                }
            }
        });
    }

    /** Only TLS Secrets are kept: the ingress has no business with the others. */
    private static boolean kept(KubeObject object) {
        return !(object instanceof Secret secret) || TlsKeys.TYPE.equals(secret.type());
    }

    private void changed() {
        if (objects.size() < KINDS.size()) {
            return;
        }
        RouteTable table = RouteTableBuilder.build(list(ResourceTypes.INGRESS, Ingress.class),
                list(ResourceTypes.INGRESS_CLASS, IngressClass.class), list(ResourceTypes.SERVICE, Service.class),
                list(ResourceTypes.ENDPOINTS, Endpoints.class));
        subscriber.accept(table, keys(table.secrets()));
    }

    private Map<String, TlsKeys> keys(Set<String> names) {
        Map<String, TlsKeys> keys = new TreeMap<>();
        Map<String, KubeObject> secrets = objects.get(ResourceTypes.SECRET);
        parsed.keySet().retainAll(names);
        for (String name : names) {
            if (!(secrets.get(name) instanceof Secret secret)) {
                continue;
            }
            Parsed known = parsed.get(name);
            if (known == null || !known.resourceVersion().equals(secret.metadata().resourceVersion())) {
                known = new Parsed(secret.metadata().resourceVersion(), read(secret));
                parsed.put(name, known);
            }
            if (known.keys() != null) {
                keys.put(name, known.keys());
            }
        }
        return keys;
    }

    private static TlsKeys read(Secret secret) {
        try {
            return TlsKeys.of(secret);
        } catch (IllegalArgumentException e) {
            LOG.warn("ingress TLS: {}", e.getMessage());
            return null;
        }
    }

    private <T extends KubeObject> List<T> list(ResourceType type, Class<T> view) {
        return objects.get(type).values().stream().map(view::cast).toList();
    }

    private static String key(KubeObject object) {
        return object.namespace() == null ? object.name() : object.namespace() + "/" + object.name();
    }

    /** Stops the watches. */
    @Override
    public void close() {
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.debug("closing an ingress watch failed", e);
            }
        }
    }
}
