package dev.orc.node;

import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodStatus;
import dev.orc.node.dns.StubUpstream;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.pod.Pods;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static dev.orc.node.ServiceFixtures.clusterIP;
import static dev.orc.node.ServiceFixtures.endpoints;
import static dev.orc.node.ServiceFixtures.nodePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Services on the real Docker engine, traffic on this machine only: an agent (on the real API server, in-process) whose DNS server
 * listens on an address of its own that it adds to {@code lo} and forwards to a stub on loopback; a web pod
 * (busybox httpd) behind a Service whose cluster IP the proxy adds to {@code lo}; a client pod that finds it by
 * name and through its variables. Services and Endpoints are written here as the API server would leave them.
 * Fails instead of skipping when Docker or the privilege to add addresses is missing and CI=true.
 */
class NodeServicesDockerTest {
    private static final Duration BOUND = Duration.ofSeconds(40);
    private static final String WEB_PAGE = "hello-from-web";
    private static final String SERVE = "mkdir -p /www && echo " + WEB_PAGE + " > /www/index.html && exec httpd -f -p 8080 -h /www";
    private static final String GET = "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 ";

    private static final String NODE = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NS = NODE;
    private static final String CLUSTER_IP = randomAddress(96);
    private static final String DNS_IP = randomAddress(97);

    private static DockerRuntime runtime;
    private static StubUpstream upstream;
    private static NodeAgent agent;
    private static final RegistryNodeApi API = new RegistryNodeApi();
    private static int nodePort;
    private static Pod web;

    /** An address in 10.{second}.200.0/21, unlikely to be taken by anything else on this machine. */
    private static String randomAddress(int second) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + second + "." + random.nextInt(200, 208) + "." + random.nextInt(2, 254);
    }

    @BeforeAll
    static void startAgentAndWebService() throws Exception {
        runtime = DockerRuntime.connect();
        try {
            runtime.version();
        } catch (ContainerRuntimeException e) {
            runtime.close();
            runtime = null;
            failInCiElseSkip("Docker is needed: " + e.getMessage());
        }
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        upstream = new StubUpstream();
        NodeNetworkConfig network = new NodeNetworkConfig(true, true, Optional.empty(), List.of(), "cluster.local")
                .withDns(new InetSocketAddress(DNS_IP, 53), List.of(upstream.address()));
        agent = NodeAgent.start(NodeConfig.defaults(NODE, Path.of("target", NODE)).withAddress("127.0.0.1")
                .withResync(Duration.ofMillis(300)).withNetwork(network), API, runtime, Clock.systemUTC(), "test");
        if (!isLocal(DNS_IP)) {
            failInCiElseSkip("the agent could not add its DNS address " + DNS_IP + " to lo: run the tests as root "
                    + "or with CAP_NET_ADMIN");
        }

        nodePort = freeNodePort();
        API.putService(nodePort(NS, "web", CLUSTER_IP, 80, 8080, nodePort));
        web = API.put(Pods.pod("web").namespace(NS).node(NODE)
                .container(Pods.withPort(Pods.shell("httpd", SERVE), 8080, null))
                .container("sidecar", "sleep 3600").build());
        awaitRunning(web);
        await().atMost(BOUND).until(() -> !PodHostPorts.of(current(web)).isEmpty());
        int hostPort = PodHostPorts.hostPort(current(web), "8080", "TCP").orElseThrow();
        API.putEndpoints(endpoints(NS, "web", hostPort, "127.0.0.1"));
        await().atMost(BOUND).until(() -> isLocal(CLUSTER_IP));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        API.close();
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
        if (upstream != null) {
            upstream.close();
        }
    }

    private static void failInCiElseSkip(String message) {
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        abort(message);
    }

    private static Pod current(Pod pod) {
        return API.pod(pod.metadata().uid()).orElseThrow();
    }

    private static void awaitRunning(Pod pod) {
        await().atMost(BOUND).untilAsserted(() -> assertThat(current(pod).status()).isNotNull()
                .extracting(PodStatus::phase).isEqualTo(PodStatus.RUNNING));
    }

    private static boolean isLocal(String ip) throws Exception {
        return NetworkInterface.getByInetAddress(InetAddress.getByName(ip)) != null;
    }

    private static int freeNodePort() throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(30000, 32768);
            try (ServerSocket probe = new ServerSocket(port)) {
                return probe.getLocalPort();
            } catch (java.io.IOException taken) {
                continue;
            }
        }
        throw new AssertionError("no free port in 30000-32767 after 50 tries");
    }

    private static String containerId(Pod pod, String name) {
        return runtime.list(PodLabels.ofPod(NODE, pod.metadata().uid())).stream()
                .filter(c -> name.equals(c.labels().get(PodLabels.CONTAINER_NAME)))
                .filter(c -> c.state() == dev.orc.node.runtime.ContainerState.RUNNING)
                .map(ContainerSummary::id).findFirst().orElseThrow(() -> new AssertionError("no running " + name));
    }

    private static String sh(Pod pod, String container, String script) {
        ExecResult result = runtime.exec(containerId(pod, container), List.of("sh", "-c", script), Duration.ofSeconds(20));
        return result.stdout() + result.stderr();
    }

    @Test
    void clientPodFindsTheServiceByNameAndReachesItThroughTheClusterIP() {
        Pod client = API.put(Pods.pod("client").namespace(NS).node(NODE).container("app", "sleep 3600").build());
        awaitRunning(client);

        assertThat(sh(client, "app", "cat /etc/resolv.conf"))
                .contains("nameserver " + DNS_IP)
                .contains("search " + NS + ".svc.cluster.local svc.cluster.local cluster.local")
                .contains("options ndots:5");
        assertThat(sh(client, "app", "nslookup web." + NS + ".svc.cluster.local")).contains(CLUSTER_IP);
        assertThat(sh(client, "app", GET + "web." + NS + " 80")).contains(WEB_PAGE);
        await().atMost(BOUND).untilAsserted(() -> assertThat(sh(client, "app", GET + "web 80")).contains(WEB_PAGE));
        assertThat(sh(client, "app", GET + CLUSTER_IP + " 80")).contains(WEB_PAGE);
        assertThat(sh(client, "app", "echo $WEB_SERVICE_HOST:$WEB_SERVICE_PORT")).contains(CLUSTER_IP + ":80");
    }

    @Test
    void namesOutsideTheClusterGoToTheUpstream() {
        assertThat(sh(web, "sidecar", "nslookup outside.example")).contains(StubUpstream.ADDRESS);
        assertThat(upstream.asked()).contains("outside.example");
    }

    @Test
    void nodePortAnswersOnLoopback() {
        await().atMost(BOUND).untilAsserted(() -> assertThat(httpGet("127.0.0.1", nodePort)).contains(WEB_PAGE));
    }

    @Test
    void containersOfOnePodTalkOverLocalhost() {
        await().atMost(BOUND).untilAsserted(() -> assertThat(sh(web, "sidecar", GET + "127.0.0.1 8080")).contains(WEB_PAGE));
    }

    @Test
    void theBridgeGatewayIsAnAddressOfThisMachine() throws Exception {
        String gateway = runtime.gatewayAddress().orElseThrow(() -> new AssertionError("Docker has no bridge network"));

        assertThat(isLocal(gateway)).as("gateway " + gateway + " is on a local interface").isTrue();
    }

    @Test
    void deletingAServiceRemovesItsAddress() throws Exception {
        String ip = randomAddress(96);
        API.putService(clusterIP(NS, "short-lived", ip, 80, 8080));
        await().atMost(BOUND).until(() -> isLocal(ip));

        API.removeService(NS, "short-lived");

        await().atMost(BOUND).until(() -> !isLocal(ip));
    }

    @Test
    void stoppingAnAgentRemovesEveryAddressItAdded() throws Exception {
        String node = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        String dnsIp = randomAddress(97);
        String serviceIp = randomAddress(96);
        try (RegistryNodeApi api = new RegistryNodeApi()) {
            api.putService(clusterIP(node, "web", serviceIp, 80, 8080));
            NodeNetworkConfig network = new NodeNetworkConfig(true, true, Optional.empty(), List.of(), "cluster.local")
                    .withDns(new InetSocketAddress(dnsIp, 53), List.of(upstream.address()));
            NodeAgent other = NodeAgent.start(NodeConfig.defaults(node, Path.of("target", node)).withAddress("127.0.0.1")
                    .withNetwork(network), api, runtime, Clock.systemUTC(), "test");
            await().atMost(BOUND).until(() -> isLocal(dnsIp) && isLocal(serviceIp));

            other.close();
        }

        assertThat(isLocal(dnsIp)).as("DNS address " + dnsIp + " removed").isFalse();
        assertThat(isLocal(serviceIp)).as("service address " + serviceIp + " removed").isFalse();
    }

    private static String httpGet(String host, int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
