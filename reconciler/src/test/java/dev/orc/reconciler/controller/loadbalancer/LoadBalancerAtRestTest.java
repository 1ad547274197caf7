package dev.orc.reconciler.controller.loadbalancer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A LoadBalancer Service whose ingress lists the ready nodes, on the real registry, is not written again. */
class LoadBalancerAtRestTest {
    private final RegistryCluster registry = new RegistryCluster(new ManualClock());
    private final LoadBalancerController controller = new LoadBalancerController(registry.cache(ResourceTypes.SERVICE),
            registry.cache(ResourceTypes.NODE), registry.controllerClient());

    @AfterEach
    void close() {
        registry.close();
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text.replace('\'', '"'));
    }

    @Test
    void aLoadBalancerWithItsIngressWritesNothing() {
        registry.seed(ResourceTypes.NODE, json("{'apiVersion':'v1','kind':'Node','metadata':{'name':'n1'},'status':"
                + "{'conditions':[{'type':'Ready','status':'True'}],'addresses':[{'type':'InternalIP','address':'127.0.0.1'}]}}"));
        registry.seed(ResourceTypes.SERVICE, json("{'apiVersion':'v1','kind':'Service','metadata':{'namespace':'default',"
                + "'name':'web'},'spec':{'type':'LoadBalancer','selector':{'app':'web'},'ports':[{'port':80}]}}"));
        ObjectKey key = new ObjectKey("default", "web");
        registry.settle(3, () -> controller.reconcile(key));

        registry.assertWritesNothing(() -> controller.reconcile(key));
        assertThat(registry.get(ResourceTypes.SERVICE, "default", "web").orElseThrow().at("/status/loadBalancer/ingress/0/ip")
                .asText()).isEqualTo("127.0.0.1");
    }
}
