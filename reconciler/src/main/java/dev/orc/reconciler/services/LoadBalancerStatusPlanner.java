package dev.orc.reconciler.services;

import dev.orc.api.model.Condition;
import dev.orc.api.model.Conditions;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServiceSpec;
import dev.orc.api.model.ServiceStatus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A LoadBalancer in orc is a NodePort that every node's proxy serves, so its {@code status.loadBalancer.ingress}
 * lists the InternalIP of every Ready node. A Service that stopped being a LoadBalancer loses its ingress.
 * Pure: the caller (a small controller over Services and Nodes) writes the returned status through
 * {@code /status}.
 */
public final class LoadBalancerStatusPlanner {
    private LoadBalancerStatusPlanner() {
    }

    /** The status {@code service} should have, when it differs from the one it has. */
    public static Optional<ServiceStatus> plan(Service service, List<Node> nodes) {
        boolean loadBalancer = ServiceSpec.LOAD_BALANCER.equals(service.spec() == null ? null : service.spec().type());
        List<String> ingress = loadBalancer ? readyAddresses(nodes) : List.of();
        List<String> current = service.status() == null || service.status().loadBalancer() == null ? List.of()
                : service.status().loadBalancer().ingress().stream().map(ServiceStatus.Ingress::ip).filter(Objects::nonNull).toList();
        if (current.equals(ingress)) {
            return Optional.empty();
        }
        return Optional.of(ServiceStatus.loadBalancer(ingress));
    }

    /** The InternalIP of every Ready node, sorted: where every node's proxy and ingress can be reached. */
    public static List<String> readyAddresses(List<Node> nodes) {
        return nodes.stream()
                .filter(node -> node.status() != null)
                .filter(node -> Conditions.find(node.status().conditions(), NodeStatus.READY).map(Condition::statusTrue).orElse(false))
                .flatMap(node -> node.status().addresses().stream()
                        .filter(a -> NodeStatus.INTERNAL_IP.equals(a.type())).map(NodeStatus.Address::address).limit(1))
                .distinct()
                .sorted()
                .toList();
    }
}
