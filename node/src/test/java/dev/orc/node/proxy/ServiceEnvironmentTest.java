package dev.orc.node.proxy;

import dev.orc.api.model.EnvVar;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTest {
    @Test
    void namesVariablesAsKubernetesDoes() {
        Service leader = service("redis-leader", "10.96.0.11", ServiceSpec.CLUSTER_IP,
                new ServicePort(null, null, null, 6379, IntOrString.of(6379), null));
        Service web = service("web", "10.96.0.12", ServiceSpec.NODE_PORT,
                new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), 30080),
                new ServicePort("dns-udp", "UDP", null, 53, IntOrString.of(53), null));

        assertThat(ServiceEnvironment.of(List.of(web, leader))).extracting(e -> e.name() + "=" + e.value()).containsExactly(
                "REDIS_LEADER_SERVICE_HOST=10.96.0.11",
                "REDIS_LEADER_SERVICE_PORT=6379",
                "REDIS_LEADER_PORT=tcp://10.96.0.11:6379",
                "REDIS_LEADER_PORT_6379_TCP=tcp://10.96.0.11:6379",
                "REDIS_LEADER_PORT_6379_TCP_PROTO=tcp",
                "REDIS_LEADER_PORT_6379_TCP_PORT=6379",
                "REDIS_LEADER_PORT_6379_TCP_ADDR=10.96.0.11",
                "WEB_SERVICE_HOST=10.96.0.12",
                "WEB_SERVICE_PORT=80",
                "WEB_SERVICE_PORT_HTTP=80",
                "WEB_SERVICE_PORT_DNS_UDP=53",
                "WEB_PORT=tcp://10.96.0.12:80",
                "WEB_PORT_80_TCP=tcp://10.96.0.12:80",
                "WEB_PORT_80_TCP_PROTO=tcp",
                "WEB_PORT_80_TCP_PORT=80",
                "WEB_PORT_80_TCP_ADDR=10.96.0.12",
                "WEB_PORT_53_UDP=udp://10.96.0.12:53",
                "WEB_PORT_53_UDP_PROTO=udp",
                "WEB_PORT_53_UDP_PORT=53",
                "WEB_PORT_53_UDP_ADDR=10.96.0.12");
    }

    @Test
    void servicesWithoutAClusterIPGiveNoVariables() {
        Service headless = service("db", ServiceSpec.NONE, null, ServicePort.of(5432, IntOrString.of(5432)));
        Service external = service("search", null, ServiceSpec.EXTERNAL_NAME);
        Service unallocated = service("new", null, null, ServicePort.of(80, IntOrString.of(80)));

        assertThat(ServiceEnvironment.of(List.of(headless, external, unallocated))).extracting(EnvVar::name).isEmpty();
    }

    private static Service service(String name, String clusterIP, String type, ServicePort... ports) {
        return Service.of(ObjectMeta.of("default", name), new ServiceSpec(type, Map.of("app", name), List.of(ports),
                clusterIP, null, null, null, null, null, null, null, null));
    }
}
