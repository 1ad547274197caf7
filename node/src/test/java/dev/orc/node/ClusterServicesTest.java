package dev.orc.node;

import dev.orc.api.model.Service;
import dev.orc.node.proxy.ServiceSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.orc.node.ServiceFixtures.clusterIP;
import static dev.orc.node.ServiceFixtures.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterServicesTest {
    private final InMemoryNodeApi api = new InMemoryNodeApi();
    private final List<ServiceSnapshot> published = new ArrayList<>();
    private final ClusterServices services = new ClusterServices(published::add);

    private void watchBoth() {
        api.watchServices(services.serviceHandler());
        api.watchEndpoints(services.endpointsHandler());
    }

    @Test
    void nothingIsPublishedUntilServicesAndEndpointsHaveBothBeenListed() throws Exception {
        api.putService(clusterIP("shop", "web", "10.96.0.10", 80, 8080));
        api.putEndpoints(endpoints("shop", "web", 31000, "10.0.0.1"));

        api.watchServices(services.serviceHandler());
        assertThat(published).isEmpty();
        assertThat(services.awaitSynced(Duration.ZERO)).isFalse();

        api.watchEndpoints(services.endpointsHandler());
        assertThat(published).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.services()).extracting(Service::name).containsExactly("web");
            assertThat(snapshot.endpoints()).singleElement().satisfies(e ->
                    assertThat(e.subsets().get(0).addresses().get(0).ip()).isEqualTo("10.0.0.1"));
        });
        assertThat(services.awaitSynced(Duration.ZERO)).isTrue();
    }

    @Test
    void everyChangePublishesTheWholeCurrentState() {
        watchBoth();
        api.putService(clusterIP("shop", "web", "10.96.0.10", 80, 8080));
        api.putService(clusterIP("shop", "db", "10.96.0.11", 5432, 5432));
        api.putEndpoints(endpoints("shop", "web", 31000, "10.0.0.1"));
        api.putEndpoints(endpoints("shop", "web", 31000, "10.0.0.1", "10.0.0.2"));
        api.removeService("shop", "db");

        ServiceSnapshot last = published.get(published.size() - 1);
        assertThat(published).hasSize(6);
        assertThat(last.services()).extracting(Service::name).containsExactly("web");
        assertThat(last.endpointsOf(last.services().get(0)).orElseThrow().subsets().get(0).addresses())
                .extracting(a -> a.ip()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(services.snapshot()).isEqualTo(last);
    }

    @Test
    void aRelistReplacesEverythingOfThatKind() {
        watchBoth();
        api.putService(clusterIP("shop", "web", "10.96.0.10", 80, 8080));

        services.serviceHandler().replaceAll(List.of(clusterIP("shop", "api", "10.96.0.12", 80, 8080)));

        assertThat(services.snapshot().services()).extracting(Service::name).containsExactly("api");
    }

    @Test
    void podsSeeTheServicesOfTheirOwnNamespaceOnly() {
        watchBoth();
        api.putService(clusterIP("shop", "web", "10.96.0.10", 80, 8080));
        api.putService(clusterIP("shop", "cache", "10.96.0.13", 6379, 6379));
        api.putService(clusterIP("blog", "web", "10.96.0.20", 80, 8080));

        assertThat(services.inNamespace("shop")).extracting(Service::name).containsExactly("cache", "web");
        assertThat(services.inNamespace("blog")).extracting(s -> s.spec().clusterIP()).containsExactly("10.96.0.20");
        assertThat(services.inNamespace("empty")).isEmpty();
    }
}
