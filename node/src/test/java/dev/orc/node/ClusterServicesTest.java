package dev.orc.node;

import dev.orc.api.model.Service;
import dev.orc.node.cluster.NodeApi;
import dev.orc.node.proxy.ServiceSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.orc.node.ServiceFixtures.clusterIP;
import static dev.orc.node.ServiceFixtures.endpoints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the node's proxy and DNS are given, from the agent's Service and Endpoints watches on the real API server. */
class ClusterServicesTest {
    private final RegistryNodeApi api = new RegistryNodeApi();
    private final List<ServiceSnapshot> published = new CopyOnWriteArrayList<>();
    private final ClusterServices services = new ClusterServices(published::add);
    private final List<AutoCloseable> watches = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable watch : watches) {
            watch.close();
        }
        api.close();
    }

    private void watchBoth() throws InterruptedException {
        watches.add(api.watchServices(services.serviceHandler()));
        watches.add(api.watchEndpoints(services.endpointsHandler()));
        assertThat(services.awaitSynced(Duration.ofSeconds(10))).as("both lists arrived").isTrue();
    }

    @Test
    void nothingIsPublishedUntilServicesAndEndpointsHaveBothBeenListed() throws Exception {
        api.putService(clusterIP("shop", "web", "10.96.0.10", 80, 8080));
        api.putEndpoints(endpoints("shop", "web", 31000, "10.0.0.1"));

        Listed<Service> servicesListed = new Listed<>(services.serviceHandler());
        watches.add(api.watchServices(servicesListed));
        await().atMost(Duration.ofSeconds(10)).until(() -> servicesListed.lists.get() == 1);
        assertThat(published).isEmpty();
        assertThat(services.awaitSynced(Duration.ZERO)).isFalse();

        watches.add(api.watchEndpoints(services.endpointsHandler()));
        await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
        assertThat(published).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.services()).extracting(Service::name).containsExactly("web");
            assertThat(snapshot.endpoints()).singleElement().satisfies(e ->
                    assertThat(e.subsets().get(0).addresses().get(0).ip()).isEqualTo("10.0.0.1"));
        });
        assertThat(services.awaitSynced(Duration.ZERO)).isTrue();
    }

    @Test
    void everyChangePublishesTheWholeCurrentState() throws Exception {
        watchBoth();
        api.putService(clusterIP("shop", "web", "10.96.0.10", 80, 8080));
        api.putService(clusterIP("shop", "db", "10.96.0.11", 5432, 5432));
        api.putEndpoints(endpoints("shop", "web", 31000, "10.0.0.1"));
        api.putEndpoints(endpoints("shop", "web", 31000, "10.0.0.1", "10.0.0.2"));
        api.removeService("shop", "db");

        await().atMost(Duration.ofSeconds(10)).until(() -> published.size() >= 6);
        ServiceSnapshot last = published.get(published.size() - 1);
        assertThat(published).hasSize(6);
        assertThat(last.services()).extracting(Service::name).containsExactly("web");
        assertThat(last.endpointsOf(last.services().get(0)).orElseThrow().subsets().get(0).addresses())
                .extracting(a -> a.ip()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(services.snapshot()).isEqualTo(last);
    }

    @Test
    void aRelistReplacesEverythingOfThatKind() throws Exception {
        watchBoth();
        api.putService(clusterIP("shop", "web", "10.96.0.10", 80, 8080));
        await().atMost(Duration.ofSeconds(10)).until(() -> !services.snapshot().services().isEmpty());

        services.serviceHandler().replaceAll(List.of(clusterIP("shop", "api", "10.96.0.12", 80, 8080)));

        assertThat(services.snapshot().services()).extracting(Service::name).containsExactly("api");
    }

    @Test
    void podsSeeTheServicesOfTheirOwnNamespaceOnly() throws Exception {
        watchBoth();
        api.putService(clusterIP("shop", "web", "10.96.0.10", 80, 8080));
        api.putService(clusterIP("shop", "cache", "10.96.0.13", 6379, 6379));
        api.putService(clusterIP("blog", "web", "10.96.0.20", 80, 8080));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(services.inNamespace("shop")).extracting(Service::name).containsExactly("cache", "web");
            assertThat(services.inNamespace("blog")).extracting(s -> s.spec().clusterIP()).containsExactly("10.96.0.20");
        });
        assertThat(services.inNamespace("empty")).isEmpty();
    }

    /** Passes everything on, counting the full lists. */
    private static final class Listed<T> implements NodeApi.Handler<T> {
        private final NodeApi.Handler<T> handler;
        private final AtomicInteger lists = new AtomicInteger();

        Listed(NodeApi.Handler<T> handler) {
            this.handler = handler;
        }

        @Override
        public void replaceAll(List<T> objects) {
            handler.replaceAll(objects);
            lists.incrementAndGet();
        }

        @Override
        public void upsert(T object) {
            handler.upsert(object);
        }

        @Override
        public void delete(T object) {
            handler.delete(object);
        }
    }
}
