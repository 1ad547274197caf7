package dev.orc.node;

import dev.orc.node.cluster.NodeApi;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Service;
import dev.orc.node.pod.PodNetworking;
import dev.orc.node.proxy.ServiceSnapshot;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Services and Endpoints of the cluster as this node last heard of them, fed by two watches. Once both kinds
 * have been listed, every change hands a fresh {@link ServiceSnapshot} of the whole to the subscriber (the proxy
 * and the DNS server), so nothing is ever served from a half-listed state. Pods read the services of their
 * namespace from here when a container starts.
 */
public final class ClusterServices implements PodNetworking.ServiceDirectory {
    private final Consumer<ServiceSnapshot> subscriber;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Endpoints> endpoints = new LinkedHashMap<>();
    private boolean servicesListed;
    private boolean endpointsListed;
    private final CountDownLatch synced = new CountDownLatch(1);

    public ClusterServices(Consumer<ServiceSnapshot> subscriber) {
        this.subscriber = subscriber;
    }

    /** The handler of the Services watch. */
    public NodeApi.Handler<Service> serviceHandler() {
        return new Half<>(services, () -> servicesListed = true);
    }

    /** The handler of the Endpoints watch. */
    public NodeApi.Handler<Endpoints> endpointsHandler() {
        return new Half<>(endpoints, () -> endpointsListed = true);
    }

    /** Everything known now, services and endpoints each in namespace/name order. */
    public synchronized ServiceSnapshot snapshot() {
        return new ServiceSnapshot(sorted(services), sorted(endpoints));
    }

    @Override
    public synchronized List<Service> inNamespace(String namespace) {
        return services.values().stream().filter(s -> Objects.equals(namespace, s.metadata().namespace()))
                .sorted(Comparator.comparing(Service::name)).toList();
    }

    /** Waits at most {@code timeout} for both kinds to have been listed; true when they have. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void changed() {
        if (servicesListed && endpointsListed) {
            subscriber.accept(snapshot());
            synced.countDown();
        }
    }

    private static <T extends KubeObject> List<T> sorted(Map<String, T> objects) {
        return objects.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    private static String key(KubeObject object) {
        return object.metadata().namespace() + "/" + object.metadata().name();
    }

    /** One kind's half of the state; all halves share the outer lock, so snapshots are never torn. */
    private final class Half<T extends KubeObject> implements NodeApi.Handler<T> {
        private final Map<String, T> objects;
        private final Runnable listed;

        Half(Map<String, T> objects, Runnable listed) {
            this.objects = objects;
            this.listed = listed;
        }

        @Override
        public void replaceAll(List<T> all) {
            synchronized (ClusterServices.this) {
                objects.clear();
                all.forEach(o -> objects.put(key(o), o));
                listed.run();
                changed();
            }
        }

        @Override
        public void upsert(T object) {
            synchronized (ClusterServices.this) {
                objects.put(key(object), object);
                changed();
            }
        }

        @Override
        public void delete(T object) {
            synchronized (ClusterServices.this) {
                objects.remove(key(object));
                changed();
            }
        }
    }
}
