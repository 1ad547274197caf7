package dev.orc.node.proxy;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy, in the host's network namespace, never sends a Service's traffic to the node's own or special addresses. */
class ProxyRulesTest {
    private static final ServiceSnapshot SNAPSHOT = new ServiceSnapshot(
            List.of(Service.of(ObjectMeta.of("shop", "db"), new ServiceSpec(ServiceSpec.NODE_PORT, Map.of(),
                    List.of(new ServicePort(null, "TCP", null, 2379, IntOrString.of(2379), 30079)), "10.96.0.30",
                    null, null, null, null, null, null, null, null))),
            List.of(Endpoints.of(ObjectMeta.of("shop", "db"), List.of(new Endpoints.Subset(
                    List.of(address("10.0.0.5"), address("127.0.0.1"), address("169.254.169.254"), address("0.0.0.0"),
                            address("224.0.0.251"), address("etcd.example")),
                    List.of(), List.of(new Endpoints.Port(null, 2379, "TCP", null)))))));

    private static Endpoints.Address address(String ip) {
        return new Endpoints.Address(ip, null, "n1", null);
    }

    private static List<String> backendsOn(String nodeAddress) {
        return ProxyRules.compute(SNAPSHOT, nodeAddress).values().stream()
                .flatMap(frontend -> frontend.backends().stream()).map(Backend::host).distinct().toList();
    }

    @Test
    void aNodeProxiesOnlyToAddressesAnEndpointsObjectMayName() {
        assertThat(backendsOn("0.0.0.0")).containsExactly("10.0.0.5", "127.0.0.1");
    }
}
