package dev.orc.reconciler.apiserver.http;

import com.sun.net.httpserver.HttpServer;
import dev.orc.api.json.Json;
import dev.orc.api.nodeaccess.NodeRequestToken;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's calls to node endpoints (security finding H3): a node endpoint, here a fake one on loopback that
 * records what it is sent, never sees the caller's token, only the server's signature of that one request; a Node
 * whose address is not an IP literal, or is link-local (a cloud's metadata service), is never called.
 */
class NodeEndpointsTest {
    private static final String USER_TOKEN = "the-users-secret-token";

    @TempDir
    Path dir;

    private Store store;
    private ApiServer server;
    private HttpServer fakeNode;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private ApiClient client;

    private record Seen(String pathAndQuery, String authorization) {
    }

    @BeforeEach
    void start() throws IOException {
        store = SqliteStore.open(dir);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(Map.of(USER_TOKEN, "admin"))));
        client = new ApiClient(server.url(), USER_TOKEN);
        fakeNode = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fakeNode.createContext("/", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                seen.add(new Seen(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                byte[] body = (exchange.getRequestURI().getPath().startsWith("/stats") ? "{\"node\":{}}" : "a line\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        fakeNode.start();
    }

    @AfterEach
    void stop() {
        fakeNode.stop(0);
        server.close();
        store.close();
    }

    @Test
    void aNodeEndpointGetsTheServersSignatureOfTheRequestAndNeverTheCallersToken() {
        registerNode("n1", "127.0.0.1");
        createPodOn("web", "n1");

        ApiClient.Response log = client.get("/api/v1/namespaces/default/pods/web/log?tailLines=3");
        ApiClient.Response stats = client.get("/api/v1/nodes/n1/proxy/stats/summary");

        assertThat(log.code()).as(String.valueOf(log.body())).isEqualTo(200);
        assertThat(stats.code()).as(String.valueOf(stats.body())).isEqualTo(200);
        assertThat(seen).extracting(Seen::pathAndQuery)
                .containsExactly("/containerLogs/default/web/app?tailLines=3", "/stats/summary");
        for (Seen request : seen) {
            assertThat(request.authorization()).doesNotContain(USER_TOKEN).startsWith("Bearer ");
            assertThat(NodeRequestToken.verify(server.nodeClientKey(), request.authorization().substring(7), "n1",
                    request.pathAndQuery(), Instant.now())).as(request.pathAndQuery()).isTrue();
        }
    }

    @Test
    void aNodeWhoseAddressIsNotAnIpOrIsLinkLocalIsNeverCalled() {
        int port = fakeNode.getAddress().getPort();
        registerNode("smuggled", "127.0.0.1:" + port + "/latest/meta-data/#");
        registerNode("named", "localhost");
        registerNode("metadata", "169.254.169.254");
        createPodOn("a", "smuggled");
        createPodOn("b", "named");
        createPodOn("c", "metadata");

        for (String pod : List.of("a", "b", "c")) {
            ApiClient.Response log = client.get("/api/v1/namespaces/default/pods/" + pod + "/log");
            assertThat(log.code()).as(pod).isEqualTo(400);
        }
        assertThat(client.get("/api/v1/nodes/named/proxy/stats/summary").code()).isEqualTo(400);
        assertThat(seen).isEmpty();
    }

    private void registerNode(String name, String address) {
        int port = fakeNode.getAddress().getPort();
        var node = Json.object().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", name);
        var status = node.putObject("status");
        status.putArray("addresses").addObject().put("type", "InternalIP").put("address", address);
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", port);
        ApiClient.Response created = client.post("/api/v1/nodes", node);
        assertThat(created.code()).as(String.valueOf(created.body())).isEqualTo(201);
    }

    private void createPodOn(String name, String node) {
        var pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
        pod.putObject("metadata").put("name", name).put("namespace", "default");
        var spec = pod.putObject("spec").put("nodeName", node);
        spec.putArray("containers").addObject().put("name", "app").put("image", "busybox");
        ApiClient.Response created = client.post("/api/v1/namespaces/default/pods", pod);
        assertThat(created.code()).as(String.valueOf(created.body())).isEqualTo(201);
    }
}
