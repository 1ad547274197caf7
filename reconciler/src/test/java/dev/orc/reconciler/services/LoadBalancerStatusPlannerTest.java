package dev.orc.reconciler.services;

import dev.orc.api.model.Condition;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.api.model.ServiceStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoadBalancerStatusPlannerTest {
    @Test
    void loadBalancerIngressIsTheAddressOfEveryReadyNode() {
        List<Node> nodes = List.of(node("n2", "10.0.0.2", true), node("n1", "10.0.0.1", true), node("n3", "10.0.0.3", false));

        assertThat(LoadBalancerStatusPlanner.plan(service(ServiceSpec.LOAD_BALANCER, null), nodes))
                .contains(ServiceStatus.loadBalancer(List.of("10.0.0.1", "10.0.0.2")));
    }

    @Test
    void currentIngressWritesNothing() {
        Service current = service(ServiceSpec.LOAD_BALANCER, ServiceStatus.loadBalancer(List.of("10.0.0.1")));

        assertThat(LoadBalancerStatusPlanner.plan(current, List.of(node("n1", "10.0.0.1", true)))).isEmpty();
        assertThat(LoadBalancerStatusPlanner.plan(service(ServiceSpec.CLUSTER_IP, null), List.of(node("n1", "10.0.0.1", true)))).isEmpty();
    }

    @Test
    void serviceNoLongerALoadBalancerLosesItsIngress() {
        Service former = service(ServiceSpec.NODE_PORT, ServiceStatus.loadBalancer(List.of("10.0.0.1")));

        assertThat(LoadBalancerStatusPlanner.plan(former, List.of(node("n1", "10.0.0.1", true))))
                .contains(ServiceStatus.loadBalancer(List.of()));
    }

    private static Service service(String type, ServiceStatus status) {
        return Service.of(ObjectMeta.of("default", "web"), new ServiceSpec(type, Map.of("app", "web"),
                List.of(ServicePort.of(80, IntOrString.of(8080))), null, null, null, null, null, null, null, null, null))
                .withStatus(status);
    }

    private static Node node(String name, String ip, boolean ready) {
        return Node.of(ObjectMeta.named(name), null, new NodeStatus(null, null,
                List.of(Condition.of(NodeStatus.READY, ready ? Condition.TRUE : Condition.FALSE, null, null, null)),
                List.of(new NodeStatus.Address(NodeStatus.HOSTNAME, name), new NodeStatus.Address(NodeStatus.INTERNAL_IP, ip)),
                null, null, null));
    }
}
