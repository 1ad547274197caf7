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

class LoadBalancerControllerTest {
    private final RegistryCluster cluster = new RegistryCluster(new ManualClock());
    private final LoadBalancerController controller = new LoadBalancerController(cluster.cache(ResourceTypes.SERVICE),
            cluster.cache(ResourceTypes.NODE), cluster.controllerClient());

    @AfterEach
    void close() {
        cluster.close();
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text.replace('\'', '"'));
    }

    private static ObjectNode node(String name, String address, String ready) {
        return json("{'apiVersion':'v1','kind':'Node','metadata':{'name':'" + name + "'},'status':{'conditions':"
                + "[{'type':'Ready','status':'" + ready + "'}],'addresses':[{'type':'InternalIP','address':'" + address + "'}]}}");
    }

    private static ObjectNode service(String type) {
        return json("{'apiVersion':'v1','kind':'Service','metadata':{'namespace':'default','name':'web'},"
                + "'spec':{'type':'" + type + "','ports':[{'port':80,'nodePort':30080}]}}");
    }

    @Test
    void aLoadBalancerListsTheReadyNodesAndSteadyStateWritesNothing() {
        cluster.seed(ResourceTypes.NODE, node("n1", "192.0.2.1", "True"));
        cluster.seed(ResourceTypes.NODE, node("n2", "192.0.2.2", "False"));
        cluster.seed(ResourceTypes.SERVICE, service("LoadBalancer"));
        ObjectKey key = new ObjectKey("default", "web");

        controller.reconcile(key);
        assertThat(cluster.list(ResourceTypes.SERVICE).get(0).at("/status/loadBalancer/ingress").toString())
                .isEqualTo("[{\"ip\":\"192.0.2.1\"}]");
        cluster.clearRecords();
        controller.reconcile(key);
        assertThat(cluster.writes()).isEmpty();
    }

    @Test
    void otherServicesGetNoIngress() {
        cluster.seed(ResourceTypes.NODE, node("n1", "192.0.2.1", "True"));
        cluster.seed(ResourceTypes.SERVICE, service("NodePort"));
        controller.reconcile(new ObjectKey("default", "web"));
        assertThat(cluster.writes()).isEmpty();
    }
}
