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
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.orc.node.dns.DnsClient.addresses;
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
        Message reply = ask("web.shop.svc.cluster.local", Type.A);

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(addresses(reply.getSection(Section.ANSWER))).containsExactly("10.96.0.20");
        assertThat(addresses(ask("WEB.Shop.svc.cluster.local.", Type.A).getSection(Section.ANSWER))).containsExactly("10.96.0.20");
    }

    @Test
    void aHeadlessServiceResolvesToItsReadyEndpoints() throws Exception {
        assertThat(addresses(ask("db.shop.svc.cluster.local", Type.A).getSection(Section.ANSWER)))
                .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
        assertThat(addresses(ask("10-0-0-2.db.shop.svc.cluster.local", Type.A).getSection(Section.ANSWER)))
                .containsExactly("10.0.0.2");
    }

    @Test
    void aStatefulSetPodIsNamedByItsHostnameUnderItsGoverningService() throws Exception {
        server.update(new ServiceSnapshot(List.of(
                service("web", ServiceSpec.NONE, null, new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), null))),
                List.of(Endpoints.of(ObjectMeta.of("shop", "web"), List.of(new Endpoints.Subset(
                        List.of(new Endpoints.Address("10.0.0.1", "web-0", "n1", null),
                                new Endpoints.Address("10.0.0.2", "web-1", "n2", null)),
                        List.of(), List.of(new Endpoints.Port("http", 31080, "TCP", null))))))));

        assertThat(addresses(ask("web-0.web.shop.svc.cluster.local", Type.A).getSection(Section.ANSWER)))
                .containsExactly("10.0.0.1");
        assertThat(addresses(ask("web-1.web.shop.svc.cluster.local", Type.A).getSection(Section.ANSWER)))
                .containsExactly("10.0.0.2");
        assertThat(ask("web-2.web.shop.svc.cluster.local", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("_http._tcp.web.shop.svc.cluster.local", Type.SRV).getSection(Section.ANSWER))
                .extracting(DnsClient::line).containsExactlyInAnyOrder(
                        "_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 31080 web-0.web.shop.svc.cluster.local.",
                        "_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 31080 web-1.web.shop.svc.cluster.local.");
    }

    @Test
    void namedPortsHaveSrvRecords() throws Exception {
        Message reply = ask("_http._tcp.web.shop.svc.cluster.local", Type.SRV);

        assertThat(reply.getSection(Section.ANSWER)).extracting(DnsClient::line)
                .containsExactly("_http._tcp.web.shop.svc.cluster.local. 5 IN SRV 0 100 80 web.shop.svc.cluster.local.");
        assertThat(addresses(reply.getSection(Section.ADDITIONAL))).containsExactly("10.96.0.20");
    }

    @Test
    void headlessSrvRecordsGiveEachEndpointsPublishedPort() throws Exception {
        Message reply = ask("_pg._tcp.db.shop.svc.cluster.local", Type.SRV);

        assertThat(reply.getSection(Section.ANSWER)).extracting(DnsClient::line).containsExactlyInAnyOrder(
                "_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 100 31001 10-0-0-1.db.shop.svc.cluster.local.",
                "_pg._tcp.db.shop.svc.cluster.local. 5 IN SRV 0 100 31002 10-0-0-2.db.shop.svc.cluster.local.");
    }

    @Test
    void anExternalNameIsACnameFollowedByItsTargetsAddress() throws Exception {
        List<Record> answers = ask("search.shop.svc.cluster.local", Type.A).getSection(Section.ANSWER);

        assertThat(answers).hasSize(2);
        assertThat(DnsClient.line(answers.get(0))).isEqualTo("search.shop.svc.cluster.local. 5 IN CNAME search.example.com.");
        assertThat(addresses(answers.subList(1, 2))).containsExactly(StubUpstream.ADDRESS);
        assertThat(upstream.asked()).containsExactly("search.example.com");
    }

    @Test
    void unknownClusterNamesDoNotExist() throws Exception {
        assertThat(ask("nope.shop.svc.cluster.local", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("_nope._tcp.web.shop.svc.cluster.local", Type.SRV).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(ask("web.shop.pod.cluster.local", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(upstream.asked()).isEmpty();
    }

    @Test
    void aKnownNameWithoutRecordsOfTheAskedTypeIsAnEmptyAnswer() throws Exception {
        Message reply = ask("web.shop.svc.cluster.local", Type.AAAA);

        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(reply.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void otherNamesAreForwardedUpstream() throws Exception {
        Message reply = ask("example.org", Type.A);

        assertThat(addresses(reply.getSection(Section.ANSWER))).containsExactly(StubUpstream.ADDRESS);
        assertThat(upstream.asked()).containsExactly("example.org");
    }

    @Test
    void aSilentUpstreamIsAServerFailure() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DnsServer lonely = DnsServer.start(new DnsServer.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     "cluster.local", List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort())),
                     Duration.ofMillis(200)))) {
            assertThat(DnsClient.ask(lonely.address(), "example.org", Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);
        }
    }

    @Test
    void answersOverTcpToo() throws Exception {
        Message message = askOverTcp(DnsClient.query(7, "web.shop.svc.cluster.local", Type.A));

        assertThat(message.getHeader().getID()).isEqualTo(7);
        assertThat(addresses(message.getSection(Section.ANSWER))).containsExactly("10.96.0.20");
    }

    @Test
    void anAnswerTooBigForUdpIsCutToItsQuestionWithTheTruncatedBitAndWholeOverTcp() throws Exception {
        List<Endpoints.Address> many = IntStream.rangeClosed(1, 60).mapToObj(i -> address("10.0.1." + i)).toList();
        server.update(new ServiceSnapshot(List.of(service("big", ServiceSpec.NONE, null)),
                List.of(Endpoints.of(ObjectMeta.of("shop", "big"), List.of(new Endpoints.Subset(many, List.of(), List.of()))))));

        Message overUdp = ask("big.shop.svc.cluster.local", Type.A);
        Message overTcp = askOverTcp(DnsClient.query(8, "big.shop.svc.cluster.local", Type.A));

        assertThat(overUdp.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(overUdp.getQuestion().getName().toString()).isEqualTo("big.shop.svc.cluster.local.");
        assertThat(overUdp.getSection(Section.ANSWER)).isEmpty();
        assertThat(overTcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(addresses(overTcp.getSection(Section.ANSWER))).hasSize(60);
    }

    @Test
    void aNamePointerLoopIsAFormatErrorNotAHang() throws Exception {
        byte[] loop = {0, 9, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12, 0, 1, 0, 1};

        Message reply = new Message(server.answer(loop).orElseThrow());

        assertThat(reply.getHeader().getID()).isEqualTo(9);
        assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(reply.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
    }

    @Test
    void aMessageCutShortIsAFormatErrorAndOneShorterThanAHeaderGetsNoReply() throws Exception {
        byte[] cut = {0, 9, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'e'};

        assertThat(new Message(server.answer(cut).orElseThrow()).getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(server.answer(new byte[] {0, 9, 1, 0, 0, 1})).isEmpty();
    }

    @Test
    void anotherOpcodeIsNotImplementedAndAResponseGetsNoReply() throws Exception {
        Message status = DnsClient.query(10, "web.shop.svc.cluster.local", Type.A);
        status.getHeader().setOpcode(Opcode.STATUS);
        Message response = DnsClient.query(11, "web.shop.svc.cluster.local", Type.A);
        response.getHeader().setFlag(Flags.QR);

        assertThat(new Message(server.answer(status.toWire()).orElseThrow()).getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(server.answer(response.toWire())).isEmpty();
    }

    private Message ask(String name, int type) throws Exception {
        return DnsClient.ask(server.address(), name, type);
    }

    private Message askOverTcp(Message query) throws Exception {
        try (Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(10_000);
            byte[] bytes = query.toWire();
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(bytes.length);
            out.write(bytes);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            return new Message(in.readNBytes(in.readUnsignedShort()));
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
