package dev.orc.reconciler.controller.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.IntOrString;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.orc.reconciler.controller.endpoints.Fixtures.pod;
import static dev.orc.reconciler.controller.endpoints.Fixtures.port;
import static dev.orc.reconciler.controller.endpoints.Fixtures.service;
import static dev.orc.reconciler.controller.endpoints.Fixtures.withKind;
import static org.assertj.core.api.Assertions.assertThat;

/** The endpoints reconciler's writes on the real registry. */
class EndpointsReconcilerTest {
    private static final ObjectKey KEY = new ObjectKey("default", "web");
    private final RegistryCluster registry = new RegistryCluster(new ManualClock());
    private final EndpointsReconciler reconciler = new EndpointsReconciler(registry.cache(ResourceTypes.SERVICE),
            registry.cache(ResourceTypes.POD), registry.cache(ResourceTypes.ENDPOINTS), registry.controllerClient());

    @AfterEach
    void close() {
        registry.close();
    }

    private void seedService() {
        registry.seed(ResourceTypes.SERVICE, withKind(service("web", Map.of("app", "web"),
                port("http", 80, IntOrString.of(8080))), "Service"));
    }

    private void seedPod() {
        ObjectNode pod = withKind(pod("web-1").port("http", 8080, 32001).build(), "Pod");
        pod.withObjectProperty("metadata").remove("uid");
        registry.seed(ResourceTypes.POD, pod);
    }

    /** The addresses of the stored Endpoints, as ip:port; absent Endpoints fail the test. */
    private List<String> storedAddresses() {
        ObjectNode stored = registry.get(ResourceTypes.ENDPOINTS, "default", "web").orElseThrow();
        List<String> addresses = new ArrayList<>();
        stored.path("subsets").forEach(subset -> subset.path("addresses").forEach(address ->
                addresses.add(address.path("ip").asText() + ":" + subset.path("ports").path(0).path("port").asInt())));
        return addresses;
    }

    @Test
    void createsThenKeepsStill() {
        seedService();
        seedPod();

        reconciler.reconcile(KEY);
        reconciler.reconcile(KEY);

        assertThat(registry.writes()).containsExactly("create endpoints web");
        assertThat(storedAddresses()).containsExactly("10.0.0.1:32001");
    }

    @Test
    void podStoppingRemovesItsAddress() {
        seedService();
        seedPod();
        reconciler.reconcile(KEY);

        registry.client().delete(ResourceTypes.POD, "default", "web-1", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        reconciler.reconcile(KEY);

        assertThat(registry.writes()).containsExactly("create endpoints web", "update endpoints web");
        assertThat(storedAddresses()).isEmpty();
    }

    @Test
    void serviceGoneDeletesEndpoints() {
        seedService();
        reconciler.reconcile(KEY);

        registry.client().delete(ResourceTypes.SERVICE, "default", "web", DeleteOptions.defaults());
        reconciler.reconcile(KEY);
        reconciler.reconcile(KEY);

        assertThat(registry.writes()).containsExactly("create endpoints web", "delete endpoints web");
        assertThat(registry.get(ResourceTypes.ENDPOINTS, "default", "web")).isEmpty();
    }
}
