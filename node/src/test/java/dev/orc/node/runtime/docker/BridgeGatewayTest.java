package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.model.Network;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeGatewayTest {

    private static Network network(String json) {
        return Json.convert(Json.parse(json), Network.class);
    }

    @Test
    void recordedGatewayWins() {
        Network bridge = network("{\"Name\":\"bridge\",\"IPAM\":{\"Config\":[{\"Subnet\":\"172.18.0.0/16\",\"Gateway\":\"172.18.0.254\"}]},"
                + "\"Options\":{\"com.docker.network.bridge.name\":\"docker0\"}}");

        assertThat(BridgeGateway.of(bridge, name -> Optional.of("10.9.9.9"))).contains("172.18.0.254");
    }

    @Test
    void withoutARecordedGatewayTheBridgeInterfacesAddressIsUsed() {
        Network bridge = network("{\"Name\":\"bridge\",\"IPAM\":{\"Config\":[{\"Subnet\":\"172.17.0.0/16\"}]},"
                + "\"Options\":{\"com.docker.network.bridge.name\":\"docker0\"}}");
        Map<String, String> interfaces = Map.of("docker0", "172.17.0.1");

        assertThat(BridgeGateway.of(bridge, name -> Optional.ofNullable(interfaces.get(name)))).contains("172.17.0.1");
    }

    @Test
    void lastResortIsTheFirstAddressOfTheIpv4Subnet() {
        Network bridge = network("{\"Name\":\"bridge\",\"IPAM\":{\"Config\":[{\"Subnet\":\"fd00::/64\"},{\"Subnet\":\"192.168.50.0/24\"}]}}");

        assertThat(BridgeGateway.of(bridge, name -> Optional.empty())).contains("192.168.50.1");
        assertThat(BridgeGateway.of(network("{\"Name\":\"none\"}"), name -> Optional.empty())).isEmpty();
    }
}
