package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;
import dev.orc.cli.server.ServerOptions;
import dev.orc.cli.server.ServerRunner;
import dev.orc.node.ApiNodeApi;
import dev.orc.node.NodeAgent;
import dev.orc.node.NodeConfig;
import dev.orc.node.NodeNetworkConfig;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The whole service path on one machine: the orc server (API server with cluster IP and node port allocation,
 * endpoints controller) and a node agent on real Docker. A Service selects a web pod; the endpoints controller
 * finds it through the host port the agent recorded; a client pod reaches the Service by name through the agent's
 * DNS server and the proxied cluster IP. Addresses are chosen at random in 10.96/10.97.200.0/21 so parallel runs do
 * not share them, and are checked to be on a local interface before use. DNS forwards to loopback's discard port.
 */
class ServicesEndToEndTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String PAGE = "hello-through-the-service";

    private final String node = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final String clusterIp = randomAddress(96);
    private final String dnsIp = randomAddress(97);
    private DockerRuntime runtime;
    private ServerRunner server;
    private ApiClient client;
    private NodeAgent agent;

    private static String randomAddress(int second) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + second + "." + random.nextInt(200, 208) + "." + random.nextInt(2, 254);
    }

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        runtime = DockerRuntime.connect();
        try {
            runtime.version();
        } catch (ContainerRuntimeException e) {
            runtime.close();
            runtime = null;
            failInCiElseSkip("Docker is needed: " + e.getMessage());
        }
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        server = ServerRunner.start(new ServerOptions(null, "127.0.0.1:0", dir.resolve("server"), true, dir.resolve("config")));
        client = server.client();
        NodeNetworkConfig network = NodeNetworkConfig.DEFAULTS.withDns(new InetSocketAddress(dnsIp, 53),
                List.of(new InetSocketAddress("127.0.0.1", 9)));
        agent = NodeAgent.start(NodeConfig.defaults(node, dir.resolve("node")).withAddress("127.0.0.1")
                .withResync(Duration.ofMillis(300)).withNetwork(network), new ApiNodeApi(client), runtime,
                Clock.systemUTC(), "test");
        if (!isLocal(dnsIp)) {
            failInCiElseSkip("the agent could not add its DNS address " + dnsIp + " to lo: run as root or with CAP_NET_ADMIN");
        }
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (runtime != null) {
            runtime.list(PodLabels.ofNode(node)).forEach(c -> runtime.remove(c.id()));
            runtime.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void failInCiElseSkip(String message) {
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        abort(message);
    }

    @Test
    void clientPodReachesAServiceByNameAndEnvironmentAndANodePortAnswersOnTheHost() throws Exception {
        int nodePort = freeNodePort();
        Service service = Service.of(ObjectMeta.of("default", "web"), new ServiceSpec(ServiceSpec.NODE_PORT,
                Map.of("app", "web"), List.of(new ServicePort("http", "TCP", null, 80, IntOrString.of("web"), nodePort)),
                clusterIp, null, null, null, null, null, null, null, null));
        create(ResourceTypes.SERVICE, service);
        Pod web = Pod.of(ObjectMeta.of("default", "web-1").withLabels(Map.of("app", "web")), PodSpec.of(
                Container.of("httpd", "orc/busybox:1").withCommand(List.of("sh", "-c",
                        "mkdir -p /www && echo " + PAGE + " > /www/index.html && exec httpd -f -p 8080 -h /www"), null)
                        .withPorts(List.of(new ContainerPort("web", 8080, null, null, null))))).withNodeName(node);
        create(ResourceTypes.POD, web);

        await().atMost(BOUND).untilAsserted(() -> {
            Pod current = get(ResourceTypes.POD, "web-1", Pod.class);
            int hostPort = PodHostPorts.hostPort(current, "8080", "TCP")
                    .orElseThrow(() -> new AssertionError("no host port recorded on web-1 yet"));
            Endpoints endpoints = get(ResourceTypes.ENDPOINTS, "web", Endpoints.class);
            assertThat(endpoints.subsets()).singleElement().satisfies(subset -> {
                assertThat(subset.addresses()).extracting(Endpoints.Address::ip).containsExactly("127.0.0.1");
                assertThat(subset.ports()).extracting(Endpoints.Port::port).containsExactly(hostPort);
            });
        });
        await().atMost(BOUND).until(() -> isLocal(clusterIp));

        Pod clientPod = Pod.of(ObjectMeta.of("default", "client"), PodSpec.of(Container.of("app", "orc/busybox:1")
                .withCommand(List.of("sh", "-c", "sleep 3600"), null))).withNodeName(node);
        String uid = create(ResourceTypes.POD, clientPod).path("metadata").path("uid").asText();

        await().atMost(BOUND).untilAsserted(() -> assertThat(sh(uid, "printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 web 80"))
                .contains(PAGE));
        assertThat(sh(uid, "echo $WEB_SERVICE_HOST:$WEB_SERVICE_PORT_HTTP")).contains(clusterIp + ":80");
        await().atMost(BOUND).untilAsserted(() -> assertThat(httpGet(nodePort)).contains(PAGE));
    }

    private ObjectNode create(dev.orc.api.meta.ResourceType type, Object object) {
        return client.create(type, "default", (ObjectNode) Json.tree(object), WriteOptions.defaults());
    }

    private <T> T get(dev.orc.api.meta.ResourceType type, String name, Class<T> kind) {
        try {
            return Json.convert(client.get(type, "default", name), kind);
        } catch (ApiException e) {
            throw new AssertionError(type.plural() + " " + name + ": " + e.getMessage(), e);
        }
    }

    private String sh(String podUid, String script) {
        String id = runtime.list(PodLabels.ofPod(node, podUid)).stream()
                .filter(c -> "app".equals(c.labels().get(PodLabels.CONTAINER_NAME)) && c.state() == ContainerState.RUNNING)
                .map(ContainerSummary::id).findFirst().orElseThrow(() -> new AssertionError("client not running yet"));
        ExecResult result = runtime.exec(id, List.of("sh", "-c", script), Duration.ofSeconds(20));
        return result.stdout() + result.stderr();
    }

    private static boolean isLocal(String ip) throws IOException {
        return NetworkInterface.getByInetAddress(InetAddress.getByName(ip)) != null;
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

    private static String httpGet(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
