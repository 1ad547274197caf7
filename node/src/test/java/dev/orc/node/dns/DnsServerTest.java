package dev.orc.node.dns;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.node.proxy.ServiceSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A real UDP (and TCP) client against the server on loopback; the upstream is a stub on loopback too. */
class DnsServerTest {
    private StubUpstream upstream;
    private DnsServer server;

    @BeforeEach
    void start() throws Exception {
        upstream = new StubUpstream();
        server = DnsServer.start(new DnsServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "cluster.local", List.of(upstream.address()), Duration.ofSeconds(2)));
        server.update(new ServiceSnapshot(List.of(
                service("web", "10.96.0.20", null, new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), null)),
                service("db", ServiceSpec.NONE, null, new ServicePort("pg", "TCP", null, 5432, IntOrString.of(5432), null)),
                service("search", null, ServiceSpec.EXTERNAL_NAME)),
                List.of(Endpoints.of(ObjectMeta.of("shop", "db"), List.of(
                        new Endpoints.Subset(List.of(address("10.0.0.1")), List.of(address("10.0.0.9")),
                                List.of(new Endpoints.Port("pg", 31001, "TCP", null))),
                        new Endpoints.Subset(List.of(address("10.0.0.2")), List.of(),
                                List.of(new Endpoints.Port("pg", 31002, "TCP", null))))))));
    }

    @AfterEach
    void stop() {
        server.close();
        upstream.close();
    }

    @Test
    void aServiceNameResolvesToItsClusterIP() throws Exception {
        DnsMessage reply = ask("web.shop.svc.cluster.local", DnsRecord.A);

        assertThat(reply.rcode()).isEqualTo(DnsMessage.NOERROR);
        assertThat(reply.authoritative()).isTrue();
        assertThat(reply.answers()).extracting(DnsRecord::address).containsExactly("10.96.0.20");
        assertThat(ask("WEB.Shop.svc.cluster.local.", DnsRecord.A).answers()).extracting(DnsRecord::address).containsExactly("10.96.0.20");
    }

    @Test
    void aHeadlessServiceResolvesToItsReadyEndpoints() throws Exception {
        assertThat(ask("db.shop.svc.cluster.local", DnsRecord.A).answers()).extracting(DnsRecord::address)
                .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(ask("10-0-0-2.db.shop.svc.cluster.local", DnsRecord.A).answers()).extracting(DnsRecord::address)
                .containsExactly("10.0.0.2");
    }

    @Test
    void namedPortsHaveSrvRecords() throws Exception {
        DnsMessage reply = ask("_http._tcp.web.shop.svc.cluster.local", DnsRecord.SRV);

        assertThat(reply.answers()).containsExactly(DnsRecord.srv("_http._tcp.web.shop.svc.cluster.local", 0, 100, 80,
                "web.shop.svc.cluster.local", 5));
        assertThat(reply.additionals()).extracting(DnsRecord::address).containsExactly("10.96.0.20");
    }

    @Test
    void headlessSrvRecordsGiveEachEndpointsPublishedPort() throws Exception {
        DnsMessage reply = ask("_pg._tcp.db.shop.svc.cluster.local", DnsRecord.SRV);

        assertThat(reply.answers()).containsExactlyInAnyOrder(
                DnsRecord.srv("_pg._tcp.db.shop.svc.cluster.local", 0, 100, 31001, "10-0-0-1.db.shop.svc.cluster.local", 5),
                DnsRecord.srv("_pg._tcp.db.shop.svc.cluster.local", 0, 100, 31002, "10-0-0-2.db.shop.svc.cluster.local", 5));
    }

    @Test
    void anExternalNameIsACnameFollowedByItsTargetsAddress() throws Exception {
        DnsMessage reply = ask("search.shop.svc.cluster.local", DnsRecord.A);

        assertThat(reply.answers()).hasSize(2);
        assertThat(reply.answers().get(0)).isEqualTo(DnsRecord.cname("search.shop.svc.cluster.local", "search.example.com", 5));
        assertThat(reply.answers().get(1).address()).isEqualTo(StubUpstream.ADDRESS);
        assertThat(upstream.asked()).containsExactly("search.example.com");
    }

    @Test
    void unknownClusterNamesDoNotExist() throws Exception {
        assertThat(ask("nope.shop.svc.cluster.local", DnsRecord.A).rcode()).isEqualTo(DnsMessage.NXDOMAIN);
        assertThat(ask("_nope._tcp.web.shop.svc.cluster.local", DnsRecord.SRV).rcode()).isEqualTo(DnsMessage.NXDOMAIN);
        assertThat(ask("web.shop.pod.cluster.local", DnsRecord.A).rcode()).isEqualTo(DnsMessage.NXDOMAIN);
        assertThat(upstream.asked()).isEmpty();
    }

    @Test
    void aKnownNameWithoutRecordsOfTheAskedTypeIsAnEmptyAnswer() throws Exception {
        DnsMessage reply = ask("web.shop.svc.cluster.local", DnsRecord.AAAA);

        assertThat(reply.rcode()).isEqualTo(DnsMessage.NOERROR);
        assertThat(reply.answers()).isEmpty();
    }

    @Test
    void otherNamesAreForwardedUpstream() throws Exception {
        DnsMessage reply = ask("example.org", DnsRecord.A);

        assertThat(reply.answers()).extracting(DnsRecord::address).containsExactly(StubUpstream.ADDRESS);
        assertThat(upstream.asked()).containsExactly("example.org");
    }

    @Test
    void aSilentUpstreamIsAServerFailure() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DnsServer lonely = DnsServer.start(new DnsServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     "cluster.local", List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort())),
                     Duration.ofMillis(200)))) {
            assertThat(ask(lonely.address(), "example.org", DnsRecord.A).rcode()).isEqualTo(DnsMessage.SERVFAIL);
        }
    }

    @Test
    void answersOverTcpToo() throws Exception {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            byte[] query = DnsMessage.query(7, "web.shop.svc.cluster.local", DnsRecord.A).encode();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = in.readNBytes(in.readUnsignedShort());

            DnsMessage message = DnsMessage.parse(reply, reply.length);
            assertThat(message.id()).isEqualTo(7);
            assertThat(message.answers()).extracting(DnsRecord::address).containsExactly("10.96.0.20");
        }
    }

    private DnsMessage ask(String name, int type) throws Exception {
        return ask(server.address(), name, type);
    }

    private static DnsMessage ask(InetSocketAddress at, String name, int type) throws Exception {
        try (DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(10_000);
            int id = 4242;
            byte[] query = DnsMessage.query(id, name, type).encode();
            client.send(new DatagramPacket(query, query.length, at));
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            client.receive(packet);
            DnsMessage reply = DnsMessage.parse(packet.getData(), packet.getLength());
            assertThat(reply.id()).isEqualTo(id);
            assertThat(reply.isResponse()).isTrue();
            return reply;
        }
    }

    private static Service service(String name, String clusterIP, String type, ServicePort... ports) {
        return Service.of(ObjectMeta.of("shop", name), new ServiceSpec(type, Map.of("app", name), List.of(ports), clusterIP,
                null, null, ServiceSpec.EXTERNAL_NAME.equals(type) ? "search.example.com" : null, null, null, null, null, null));
    }

    private static Endpoints.Address address(String ip) {
        return new Endpoints.Address(ip, null, "n1", null);
    }
}
