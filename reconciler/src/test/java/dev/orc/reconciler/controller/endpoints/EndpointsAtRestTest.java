package dev.orc.reconciler.controller.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.IntOrString;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.orc.reconciler.controller.endpoints.Fixtures.pod;
import static dev.orc.reconciler.controller.endpoints.Fixtures.port;
import static dev.orc.reconciler.controller.endpoints.Fixtures.service;
import static dev.orc.reconciler.controller.endpoints.Fixtures.withKind;
import static org.assertj.core.api.Assertions.assertThat;

/** Endpoints that list a Service's ready pods, on the real registry, are not written again. */
class EndpointsAtRestTest {
    private static final ObjectKey KEY = new ObjectKey("default", "web");
    private final RegistryCluster registry = new RegistryCluster(new ManualClock());
    private final EndpointsReconciler reconciler = new EndpointsReconciler(registry.cache(ResourceTypes.SERVICE),
            registry.cache(ResourceTypes.POD), registry.cache(ResourceTypes.ENDPOINTS), registry.controllerClient());

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void endpointsOfReadyPodsWriteNothing() throws Exception {
        registry.seed(ResourceTypes.SERVICE, withKind(service("web", Map.of("app", "web"),
                port("http", 80, IntOrString.of(8080))), "Service"));
        ObjectNode pod = withKind(pod("web-1").port("http", 8080, 32001).build(), "Pod");
        pod.withObjectProperty("metadata").remove("uid");
        registry.seed(ResourceTypes.POD, pod);
        reconciler.reconcile(KEY);
        reconciler.reconcile(KEY);

        registry.assertWritesNothing(() -> reconciler.reconcile(KEY));
        assertThat(registry.get(ResourceTypes.ENDPOINTS, "default", "web").orElseThrow().at("/subsets/0/addresses/0/ip")
                .asText()).isEqualTo("10.0.0.1");
    }

}
