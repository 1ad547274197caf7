package dev.orc.node;

import com.sun.net.httpserver.HttpServer;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.pod.Pods;
import dev.orc.node.proxy.AddressBinder;
import dev.orc.node.proxy.CommandRunner;
import dev.orc.node.proxy.Destinations;
import dev.orc.node.proxy.KernelProxy;
import dev.orc.node.proxy.ProxyMode;
import dev.orc.node.proxy.ServiceProxy;
import dev.orc.node.proxy.ServiceSnapshot;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.orc.node.ServiceFixtures.clusterIP;
import static dev.orc.node.ServiceFixtures.endpoints;
import static dev.orc.node.ServiceFixtures.nodePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Services forwarded in the kernel, on the real iptables and Docker engine, traffic on this machine only: an
 * agent in {@code --proxy-mode iptables} serves a web pod (busybox httpd, its port published on 127.0.0.1) behind
 * a NodePort Service, reached from the host and from a client container; two servers on this machine's bridge
 * gateway address and loopback back a ClientIP-affinity Service and a plain one. Skips only where iptables
 * cannot change the nat table (absent, or not root); fails without Docker.
 */
class KernelProxyDockerTest {
    private static final Duration BOUND = Duration.ofSeconds(40);
    private static final CommandRunner COMMANDS = CommandRunner.processes(Duration.ofSeconds(10));
    private static final String WEB_PAGE = "hello-from-web";
    private static final String SERVE = "mkdir -p /www && echo " + WEB_PAGE + " > /www/index.html && exec httpd -f -p 8080 -h /www";
    private static final String GET = "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 ";

    private static final String NODE = "kp-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NS = NODE;
    private static final String WEB_IP = randomAddress();
    private static final String STICKY_IP = randomAddress();
    private static final String SPREAD_IP = randomAddress();
    private static final String EMPTY_IP = randomAddress();

    private static DockerRuntime runtime;
    private static NodeAgent agent;
    private static final RegistryNodeApi API = new RegistryNodeApi();
    private static final List<HttpServer> servers = new ArrayList<>();
    private static String gateway;
    private static int nodePort;
    private static Pod web;
    private static Pod client;

    /** An address in 10.96.208.0/21 (the API server's service range), unlikely to be taken by anything else here. */
    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10.96." + random.nextInt(208, 216) + "." + random.nextInt(2, 254);
    }

    @BeforeAll
    static void startAgentInIptablesMode() throws Exception {
        CommandRunner.Outcome nat = COMMANDS.run(List.of("iptables", "-w", "5", "-t", "nat", "-S", "OUTPUT"));
        assumeTrue(nat.ok(), "iptables cannot change the nat table here (absent or not root): " + nat.output());
        runtime = DockerRuntime.connect();
        try {
            runtime.version();
        } catch (ContainerRuntimeException e) {
            runtime.close();
            runtime = null;
            throw new AssertionError("Docker is needed: " + e.getMessage(), e);
        }
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        gateway = runtime.gatewayAddress().orElseThrow(() -> new AssertionError("Docker has no bridge network"));
        NodeNetworkConfig network = new NodeNetworkConfig(true, false, Optional.empty(), List.of(), "cluster.local",
                ProxyMode.IPTABLES);
        agent = NodeAgent.start(NodeConfig.defaults(NODE, Path.of("target", NODE)).withAddress("127.0.0.1")
                .withResync(Duration.ofMillis(300)).withNetwork(network), API, runtime, Clock.systemUTC(), "test");

        nodePort = freeNodePort();
        web = API.put(Pods.pod("web").namespace(NS).node(NODE)
                .container(Pods.withPort(Pods.shell("httpd", SERVE), 8080, null)).build());
        client = API.put(Pods.pod("client").namespace(NS).node(NODE).container("app", "sleep 3600").build());
        awaitRunning(web);
        awaitRunning(client);
        await().atMost(BOUND).until(() -> !PodHostPorts.of(current(web)).isEmpty());
        int hostPort = PodHostPorts.hostPort(current(web), "8080", "TCP").orElseThrow();
        API.putService(nodePort(NS, "web", WEB_IP, 80, 8080, nodePort));
        API.putEndpoints(endpoints(NS, "web", hostPort, "127.0.0.1"));

        HttpServer first = server(gateway, 0, "first");
        server("127.0.0.1", first.getAddress().getPort(), "second");
        int port = first.getAddress().getPort();
        API.putService(sticky(NS, "sticky", STICKY_IP, port));
        API.putEndpoints(endpoints(NS, "sticky", port, gateway, "127.0.0.1"));
        API.putService(clusterIP(NS, "spread", SPREAD_IP, 80, port));
        API.putEndpoints(endpoints(NS, "spread", port, gateway, "127.0.0.1"));
        API.putService(clusterIP(NS, "empty", EMPTY_IP, 80, 8080));
        await().atMost(BOUND).untilAsserted(() -> assertThat(nat()).contains("-d " + WEB_IP + "/32", "-d " + STICKY_IP + "/32",
                "-d " + SPREAD_IP + "/32"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        API.close();
        servers.forEach(s -> s.stop(0));
        if (runtime != null) {
            for (ContainerSummary c : runtime.list(PodLabels.ofNode(NODE))) {
                try {
                    runtime.remove(c.id());
                } catch (ContainerNotFoundException removedByALastSync) {
                    continue;
                }
            }
            runtime.close();
        }
    }

    @Test
    void theClusterIPIsDnatedStraightToTheWebContainerAndAnswersTheHost() throws Exception {
        String container = runtime.inspect(infraOf(web)).ipAddress();

        assertThat(nat()).contains("--to-destination " + container + ":8080");
        assertThat(httpGet(WEB_IP, 80)).contains(WEB_PAGE);
    }

    @Test
    void theClusterIPAnswersAContainer() {
        await().atMost(BOUND).untilAsserted(() -> assertThat(sh(client, GET + WEB_IP + " 80")).contains(WEB_PAGE));
    }

    @Test
    void theNodePortAnswersTheHostOnLoopbackAndAContainerOnTheGateway() {
        await().atMost(BOUND).untilAsserted(() -> assertThat(httpGet("127.0.0.1", nodePort)).contains(WEB_PAGE));
        await().atMost(BOUND).untilAsserted(() -> assertThat(sh(client, GET + gateway + " " + nodePort)).contains(WEB_PAGE));
    }

    @Test
    void clientIPAffinityKeepsAClientOnOneEndpointWhileWithoutItBothServe() throws Exception {
        Set<String> sticky = new HashSet<>();
        Set<String> spread = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            sticky.add(body(httpGet(STICKY_IP, 80)));
            spread.add(body(httpGet(SPREAD_IP, 80)));
        }

        assertThat(sticky).hasSize(1);
        assertThat(spread).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void aServiceWithoutEndpointsIsRefusedAtOnce() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> httpGet(EMPTY_IP, 80)).isInstanceOf(ConnectException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void stoppingRemovesEveryChainAndJumpWhileRulesOfOtherOwnersStay() {
        String other = "OTHER-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String owner = "kp-test-" + UUID.randomUUID();
        String dockerBefore = dockerRules();
        run("iptables", "-w", "5", "-t", "nat", "-N", other);
        try {
            run("iptables", "-w", "5", "-t", "nat", "-A", other, "-d", "10.98.199.1/32", "-p", "tcp", "-j", "DNAT",
                    "--to-destination", "127.0.0.1:9");
            KernelProxy proxy = KernelProxy.start(COMMANDS, owner,
                    new ServiceProxy(ServiceProxy.Options.defaults(), AddressBinder.alreadyLocal()), "0.0.0.0",
                    Destinations.unchanged());
            String prefix = proxy.chains().prefix();
            proxy.apply(new ServiceSnapshot(List.of(clusterIP(NS, "gone", "10.98.199.2", 80, 8080)),
                    List.of(endpoints(NS, "gone", 8080, "127.0.0.1"))));
            assertThat(all()).contains(prefix + "SVC-").contains("-j " + prefix + "SERVICES");

            proxy.close();

            assertThat(all()).doesNotContain(prefix);
            assertThat(nat()).contains("-A " + other + " -d 10.98.199.1/32 -p tcp -j DNAT --to-destination 127.0.0.1:9");
            assertThat(dockerRules()).isEqualTo(dockerBefore);
        } finally {
            run("iptables", "-w", "5", "-t", "nat", "-F", other);
            run("iptables", "-w", "5", "-t", "nat", "-X", other);
        }
    }

    @Test
    void theChainsOfAnAgentThatCouldNotStopAreRemovedForItsOwner() {
        String owner = "kp-killed-" + UUID.randomUUID();
        KernelProxy killed = KernelProxy.start(COMMANDS, owner,
                new ServiceProxy(ServiceProxy.Options.defaults(), AddressBinder.alreadyLocal()), "0.0.0.0",
                Destinations.unchanged());
        killed.apply(new ServiceSnapshot(List.of(clusterIP(NS, "left", "10.98.199.3", 80, 8080)),
                List.of(endpoints(NS, "left", 8080, "127.0.0.1"))));
        assertThat(all()).contains(killed.chains().prefix() + "SVC-");

        KernelProxy.removeLeftovers(COMMANDS, owner);

        assertThat(all()).doesNotContain(killed.chains().prefix());
    }

    private static Service sticky(String namespace, String name, String ip, int targetPort) {
        return Service.of(ObjectMeta.of(namespace, name).withUid("svc-" + name), new ServiceSpec(null, Map.of("app", name),
                List.of(ServicePort.of(80, IntOrString.of(targetPort))), ip, List.of(ip), null, null,
                ServiceSpec.AFFINITY_CLIENT_IP, new ServiceSpec.SessionAffinityConfig(new ServiceSpec.ClientIPConfig(600)),
                null, null, null));
    }

    private static HttpServer server(String host, int port, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 50);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String nat() {
        return run("iptables-save", "-t", "nat");
    }

    private static String all() {
        return nat() + run("iptables-save", "-t", "filter");
    }

    /** Docker's own rules (its chains and the jumps to them) in nat and filter. */
    /**
     * Docker's chains and the jumps into them: the rules Docker writes for each published container port are left
     * out, as containers of other tests on the same engine come and go meanwhile.
     */
    private static String dockerRules() {
        return all().lines().filter(line -> line.contains("DOCKER") && !line.startsWith("#"))
                .filter(line -> !line.contains("--to-destination") && !line.matches(".*-d \\S+/32 .*--dport.*"))
                .distinct().sorted().reduce("", (a, b) -> a + b + "\n");
    }

    private static String run(String... command) {
        CommandRunner.Outcome outcome = COMMANDS.run(List.of(command));
        assertThat(outcome.ok()).as(String.join(" ", command) + ": " + outcome.output()).isTrue();
        return outcome.output();
    }

    private static Pod current(Pod pod) {
        return API.pod(pod.metadata().uid()).orElseThrow();
    }

    private static void awaitRunning(Pod pod) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(current(pod).status()).isNotNull()
                .extracting(PodStatus::phase).isEqualTo(PodStatus.RUNNING));
    }

    private static int freeNodePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(30000, 32768);
            try (ServerSocket probe = new ServerSocket(port)) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                continue;
            }
        }
        throw new AssertionError("no free port in 30000-32767 after 50 tries");
    }

    private static String infraOf(Pod pod) {
        return runtime.list(PodLabels.ofPod(NODE, pod.metadata().uid())).stream()
                .filter(c -> c.state() == ContainerState.RUNNING)
                .map(ContainerSummary::id)
                .filter(id -> !runtime.inspect(id).ipAddress().isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no running container with an address"));
    }

    private static String sh(Pod pod, String script) {
        String app = runtime.list(PodLabels.ofPod(NODE, pod.metadata().uid())).stream()
                .filter(c -> "app".equals(c.labels().get(PodLabels.CONTAINER_NAME)))
                .filter(c -> c.state() == ContainerState.RUNNING)
                .map(ContainerSummary::id).findFirst().orElseThrow(() -> new AssertionError("no running app"));
        ExecResult result = runtime.exec(app, List.of("sh", "-c", script), Duration.ofSeconds(20));
        return result.stdout() + result.stderr();
    }

    private static String httpGet(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /index.html HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
