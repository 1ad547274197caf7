package dev.orc.node;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeFlagsTest {

    @Test
    void addressesTakeAnOptionalPortDefaultingToTheGivenOne() {
        assertThat(NodeFlags.addresses("--dns-upstream", "10.0.0.2, 127.0.0.1:5353,[::1]:54,fd00::1", 53)).containsExactly(
                new InetSocketAddress("10.0.0.2", 53), new InetSocketAddress("127.0.0.1", 5353),
                new InetSocketAddress("::1", 54), new InetSocketAddress("fd00::1", 53));
        assertThat(NodeFlags.addresses("--dns-upstream", "", 53)).isEmpty();
        assertThat(NodeFlags.addresses("--dns-upstream", null, 53)).isEmpty();
    }

    @Test
    void hostNamesAndBadPortsAreRefusedNamingTheFlagAndValue() {
        assertThatThrownBy(() -> NodeFlags.address("--dns-address", "dns.example.com", 53))
                .hasMessageContaining("--dns-address").hasMessageContaining("'dns.example.com'");
        assertThatThrownBy(() -> NodeFlags.address("--dns-address", "300.1.1.1", 53))
                .hasMessageContaining("'300.1.1.1'");
        assertThatThrownBy(() -> NodeFlags.address("--dns-upstream", "10.0.0.2:70000", 53))
                .hasMessageContaining("--dns-upstream").hasMessageContaining("1-65535");
        assertThatThrownBy(() -> NodeFlags.address("--dns-upstream", "10.0.0.2:x", 53))
                .hasMessageContaining("'10.0.0.2:x'");
    }

    @Test
    void clusterDomainMustBeADomainName() {
        assertThatThrownBy(() -> new NodeNetworkConfig(true, true, java.util.Optional.empty(), java.util.List.of(), ".local"))
                .hasMessageContaining("--cluster-domain").hasMessageContaining("'.local'");
    }
}
