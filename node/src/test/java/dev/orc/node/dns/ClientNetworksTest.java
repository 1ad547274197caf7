package dev.orc.node.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster DNS answers its pods' network and this machine, and nobody else (no open resolver, no reflector). */
class ClientNetworksTest {
    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void membersOfANetworkShareItsPrefix() throws Exception {
        ClientNetworks bridge = new ClientNetworks(List.of(new ClientNetworks.Network(ip("172.17.0.1"), 16)));

        assertThat(bridge.allows(ip("172.17.3.9"))).isTrue();
        assertThat(bridge.allows(ip("172.18.0.2"))).isFalse();
        assertThat(bridge.allows(ip("192.168.1.20"))).isFalse();
        assertThat(bridge.allows(ip("::1"))).isFalse();
    }

    @Test
    void aServerOnLoopbackAnswersThisMachineOnly() throws Exception {
        ClientNetworks loopback = ClientNetworks.serving(List.of(ip("127.0.0.1")));

        assertThat(loopback.allows(ip("127.0.0.53"))).isTrue();
        assertThat(loopback.allows(ip("::1"))).isTrue();
        assertThat(loopback.allows(ip("8.8.8.8"))).isFalse();
        assertThat(loopback.allows(ip("10.1.2.3"))).isFalse();
    }

    @Test
    void aQueryFromOutsideTheClientNetworksGetsNoAnswerAtAll() throws Exception {
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        ClientNetworks elsewhere = new ClientNetworks(List.of(new ClientNetworks.Network(ip("10.0.0.0"), 8)));
        try (DnsServer server = DnsServer.start(new DnsServer.Options(listen, "cluster.local", List.of(),
                Duration.ofMillis(200), elsewhere));
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] query = DnsClient.query(1, "web.shop.svc.cluster.local", Type.A).toWire();
            client.setSoTimeout(500);
            client.send(new DatagramPacket(query, query.length, server.address()));

            assertThatThrownBy(() -> client.receive(new DatagramPacket(new byte[512], 512)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }
}
