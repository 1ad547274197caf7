package dev.orc.node.proxy;

import dev.orc.api.model.Endpoints;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy on loopback only: "cluster IPs" are 127.0.0.x addresses, which Linux's loopback already answers for,
 * so the tests need no privilege and never send traffic anywhere else.
 */
class ServiceProxyTest {
    private static final String CLUSTER_IP = "127.0.0.41";
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final ServiceProxy proxy = new ServiceProxy(
            new ServiceProxy.Options("127.0.0.1", Duration.ofSeconds(1), Duration.ofSeconds(5), new MutableClock()),
            AddressBinder.alreadyLocal());

    @AfterEach
    void close() throws Exception {
        proxy.close();
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    @Test
    void roundRobinSpreadsConnectionsOverThreeBackends() throws Exception {
        List<EchoServer> backends = List.of(echo("b1"), echo("b2"), echo("b3"));
        int port = freePort(CLUSTER_IP);
        proxy.apply(snapshot(service(port, null, null), ready(backends)));

        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            seen.add(greeting(CLUSTER_IP, port));
        }

        assertThat(seen).filteredOn("b1"::equals).hasSize(3);
        assertThat(seen).filteredOn("b2"::equals).hasSize(3);
        assertThat(seen).filteredOn("b3"::equals).hasSize(3);
    }

    @Test
    void notReadyBackendsReceiveNothing() throws Exception {
        EchoServer ready = echo("ready");
        EchoServer notReady = echo("not-ready");
        int port = freePort(CLUSTER_IP);
        Endpoints endpoints = endpoints(List.of(
                subset(List.of(ready.backend()), List.of()),
                subset(List.of(), List.of(notReady.backend()))));
        proxy.apply(snapshot(service(port, null, null), endpoints));

        for (int i = 0; i < 6; i++) {
            assertThat(greeting(CLUSTER_IP, port)).isEqualTo("ready");
        }
        assertThat(notReady.connections()).isZero();
    }

    @Test
    void aRefusedConnectIsRetriedOnAnotherEndpoint() throws Exception {
        EchoServer alive = echo("alive");
        Backend refusing = new Backend("127.0.0.1", freePort("127.0.0.1"));
        int port = freePort(CLUSTER_IP);
        proxy.apply(snapshot(service(port, null, null), endpoints(List.of(
                subset(List.of(refusing), List.of()), subset(List.of(alive.backend()), List.of())))));

        for (int i = 0; i < 4; i++) {
            assertThat(greeting(CLUSTER_IP, port)).isEqualTo("alive");
        }
    }

    @Test
    void clientIpAffinitySendsEveryConnectionToOneBackend() throws Exception {
        List<EchoServer> backends = List.of(echo("b1"), echo("b2"), echo("b3"));
        int port = freePort(CLUSTER_IP);
        proxy.apply(snapshot(service(port, null, ServiceSpec.AFFINITY_CLIENT_IP), ready(backends)));

        String first = greeting(CLUSTER_IP, port);
        for (int i = 0; i < 6; i++) {
            assertThat(greeting(CLUSTER_IP, port)).isEqualTo(first);
        }
    }

    @Test
    void nodePortServesOnTheNodeAddress() throws Exception {
        EchoServer backend = echo("web");
        int nodePort = freePort("127.0.0.1");
        proxy.apply(snapshot(service(freePort(CLUSTER_IP), nodePort, null), ready(List.of(backend))));

        assertThat(greeting("127.0.0.1", nodePort)).isEqualTo("web");
        assertThat(proxy.listening()).contains(new ListenAddress("127.0.0.1", nodePort, ListenAddress.Protocol.TCP));
    }

    @Test
    void echoesThroughTheProxyBothWays() throws Exception {
        EchoServer backend = echo("web");
        int port = freePort(CLUSTER_IP);
        proxy.apply(snapshot(service(port, null, null), ready(List.of(backend))));

        try (Socket socket = new Socket(CLUSTER_IP, port)) {
            BufferedReader in = reader(socket);
            assertThat(in.readLine()).isEqualTo("web");
            socket.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("hello");
        }
    }

    @Test
    void anEndpointThatGoesAwayIsDrainedItsOpenConnectionsKeepWorkingAndNewOnesGoElsewhere() throws Exception {
        EchoServer leaving = echo("leaving");
        EchoServer staying = echo("staying");
        int port = freePort(CLUSTER_IP);
        Service service = service(port, null, null);
        proxy.apply(snapshot(service, ready(List.of(leaving))));
        try (Socket socket = new Socket(CLUSTER_IP, port)) {
            socket.setSoTimeout(10_000);
            BufferedReader in = reader(socket);
            assertThat(in.readLine()).isEqualTo("leaving");

            proxy.apply(snapshot(service, ready(List.of(staying))));

            socket.getOutputStream().write("still there?\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("still there?");
            assertThat(greeting(CLUSTER_IP, port)).isEqualTo("staying");
        }
    }

    @Test
    void aServiceThatGoesAwayStopsBeingServed() throws Exception {
        EchoServer backend = echo("web");
        int port = freePort(CLUSTER_IP);
        proxy.apply(snapshot(service(port, null, null), ready(List.of(backend))));
        assertThat(greeting(CLUSTER_IP, port)).isEqualTo("web");

        proxy.apply(ServiceSnapshot.EMPTY);

        assertThat(proxy.listening()).isEmpty();
        assertThat(reachesBackend(CLUSTER_IP, port, "web")).isFalse();
    }

    /** Whether a connection to host:port still gets the backend's greeting (another process may reuse the port). */
    private static boolean reachesBackend(String host, int port, String greeting) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(2_000);
            return greeting.equals(reader(socket).readLine());
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void headlessAndExternalNameServicesAreNotProxied() {
        Service headless = Service.of(ObjectMeta.of("default", "db"), ServiceSpec.of(Map.of("app", "db"),
                List.of(ServicePort.of(5432, IntOrString.of(5432)))).withClusterIP(ServiceSpec.NONE));

        proxy.apply(new ServiceSnapshot(List.of(headless), List.of()));

        assertThat(proxy.listening()).isEmpty();
    }

    @Test
    void udpDatagramsReachABackendAndRepliesComeBack() throws Exception {
        DatagramSocket backend = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        cleanup.add(backend);
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[512];
            while (!backend.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    backend.receive(packet);
                    String reply = "echo:" + new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                    backend.send(new DatagramPacket(reply.getBytes(StandardCharsets.UTF_8), reply.length(), packet.getSocketAddress()));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        int port = freeUdpPort(CLUSTER_IP);
        Service service = Service.of(ObjectMeta.of("default", "dns"), ServiceSpec.of(Map.of("app", "dns"),
                List.of(new ServicePort("dns", "UDP", null, port, IntOrString.of(53), null))).withClusterIP(CLUSTER_IP));
        Endpoints endpoints = Endpoints.of(ObjectMeta.of("default", "dns"), List.of(new Endpoints.Subset(
                List.of(new Endpoints.Address("127.0.0.1", null, null, null)), List.of(),
                List.of(new Endpoints.Port("dns", backend.getLocalPort(), "UDP", null)))));
        proxy.apply(new ServiceSnapshot(List.of(service), List.of(endpoints)));

        try (DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(10_000);
            client.send(new DatagramPacket("ping".getBytes(StandardCharsets.UTF_8), 4, new InetSocketAddress(CLUSTER_IP, port)));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            client.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("echo:ping");
        }
    }

    private EchoServer echo(String name) throws IOException {
        EchoServer server = new EchoServer(name);
        cleanup.add(server);
        return server;
    }

    private static String greeting(String host, int port) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            return reader(socket).readLine();
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    static int freePort(String host) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        }
    }

    private static int freeUdpPort(String host) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        }
    }

    static Service service(int port, Integer nodePort, String affinity) {
        ServiceSpec spec = new ServiceSpec(nodePort == null ? null : ServiceSpec.NODE_PORT, Map.of("app", "web"),
                List.of(new ServicePort("http", "TCP", null, port, IntOrString.of(8080), nodePort)), null, null, null, null,
                affinity, null, null, null, null).withClusterIP(CLUSTER_IP);
        return Service.of(ObjectMeta.of("default", "web"), spec);
    }

    static Endpoints ready(List<EchoServer> backends) {
        return endpoints(backends.stream().map(b -> subset(List.of(b.backend()), List.of())).toList());
    }

    static Endpoints endpoints(List<Endpoints.Subset> subsets) {
        return Endpoints.of(ObjectMeta.of("default", "web"), subsets);
    }

    static Endpoints.Subset subset(List<Backend> ready, List<Backend> notReady) {
        int port = (ready.isEmpty() ? notReady : ready).get(0).port();
        return new Endpoints.Subset(
                ready.stream().map(b -> new Endpoints.Address(b.host(), null, "n1", null)).toList(),
                notReady.stream().map(b -> new Endpoints.Address(b.host(), null, "n1", null)).toList(),
                List.of(new Endpoints.Port("http", port, "TCP", null)));
    }

    private static ServiceSnapshot snapshot(Service service, Endpoints endpoints) {
        return new ServiceSnapshot(List.of(service), List.of(endpoints));
    }
}
