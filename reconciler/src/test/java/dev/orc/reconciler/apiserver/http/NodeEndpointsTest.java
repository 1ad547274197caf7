package dev.orc.reconciler.apiserver.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.api.nodeaccess.NodeRequestToken;
import dev.orc.api.nodeaccess.NodeServingCertificate;
import dev.orc.reconciler.apiserver.ApiClient;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import dev.orc.reconciler.apiserver.auth.CertificateRequests;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's calls to node endpoints (security finding H3): a node endpoint, here a fake one on loopback that
 * records what it is sent, never sees the caller's token, only the server's signature of that one request, and only
 * over TLS with the certificate the cluster CA issued that node; a Node whose address is not an IP literal, or is
 * link-local (a cloud's metadata service), is never called.
 */
class NodeEndpointsTest {
    private static final String USER_TOKEN = "the-users-secret-token";
    private static final String SUMMARY = """
            {"node":{"name":"n1","cpuNanoCores":250000000,"memoryBytes":104857600},
             "pods":[{"namespace":"default","name":"web","containers":[
               {"name":"app","cpuNanoCores":1500000,"memoryBytes":2097152}]}]}""";

    @TempDir
    Path dir;

    private Store store;
    private ApiServer server;
    private HttpsServer fakeNode;
    private final List<HttpsServer> fakeNodes = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private ApiClient client;

    private record Seen(String pathAndQuery, String authorization) {
    }

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(dir);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(new TokenAuthenticator(Map.of(USER_TOKEN, "admin"))));
        client = new ApiClient(server.url(), USER_TOKEN);
        fakeNode = fakeNode(servingContext(issuedCertificate("n1")));
    }

    /** A node endpoint on loopback serving with {@code tls}, recording every request it is sent. */
    private HttpsServer fakeNode(SSLContext tls) throws IOException {
        HttpsServer node = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.setHttpsConfigurator(new HttpsConfigurator(tls));
        node.createContext("/", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                seen.add(new Seen(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                byte[] body = (exchange.getRequestURI().getPath().startsWith("/stats") ? SUMMARY : "a line\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        node.start();
        fakeNodes.add(node);
        return node;
    }

    @AfterEach
    void stop() {
        fakeNodes.forEach(node -> node.stop(0));
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
    void anEndpointWithoutTheCertificateIssuedToThatNodeIsNotSentAnything() throws Exception {
        registerNode("n2", "127.0.0.1");
        createPodOn("web", "n2");
        HttpsServer selfSigned = fakeNode(servingContext(selfSigned("n3")));
        registerNode("n3", "127.0.0.1", selfSigned.getAddress().getPort());

        ApiClient.Response asAnotherNode = client.get("/api/v1/namespaces/default/pods/web/log");
        ApiClient.Response notFromTheCa = client.get("/api/v1/nodes/n3/proxy/stats/summary");

        assertThat(asAnotherNode.code()).isEqualTo(500);
        assertThat(String.valueOf(asAnotherNode.body())).contains("presented a certificate for CN=system:node:n1,",
                "not for system:node:n2");
        assertThat(notFromTheCa.code()).isEqualTo(500);
        assertThat(seen).isEmpty();
    }

    @Test
    void aCertificateIsIssuedOnlyForTheKeyAndNodeItsRequestProves() throws Exception {
        KeyPair keys = CertificateRequests.keys();
        ApiClient.Response otherSubject = client.post(NodeServingCertificate.path("n1"),
                Map.of(NodeServingCertificate.REQUEST_FIELD, CertificateRequests.pem("system:node:n2", keys)));
        ApiClient.Response notARequest = client.post(NodeServingCertificate.path("n1"),
                Map.of(NodeServingCertificate.REQUEST_FIELD, "-----BEGIN CERTIFICATE REQUEST-----\nnope\n"));

        assertThat(otherSubject.code()).isEqualTo(400);
        assertThat(String.valueOf(otherSubject.body())).contains("node \\\"n1\\\" may only ask for CN=system:node:n1");
        assertThat(notARequest.code()).isEqualTo(400);
        X509Certificate issued = issuedCertificate("n1").certificate();
        assertThat(issued.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:n1,O=system:nodes");
        assertThat(issued.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(300)));
    }

    @Test
    void theMetricsApiServesEachAnsweringNodesUsageAsKubectlTopReadsIt() {
        registerNode("n1", "127.0.0.1");
        registerNode("silent", "127.0.0.1", 1);
        createPodOn("web", "n1");

        JsonNode nodes = client.get("/apis/metrics.k8s.io/v1beta1/nodes").body();
        JsonNode pods = client.get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods").body();
        JsonNode pod = client.get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web").body();
        JsonNode elsewhere = client.get("/apis/metrics.k8s.io/v1beta1/namespaces/other/pods").body();
        JsonNode groups = client.get("/apis").body();

        assertThat(nodes.path("kind").asText()).isEqualTo("NodeMetricsList");
        assertThat(nodes.path("items")).singleElement().satisfies(item -> {
            assertThat(item.at("/metadata/name").asText()).isEqualTo("n1");
            assertThat(item.at("/usage/cpu").asText()).isEqualTo("250000000n");
            assertThat(item.at("/usage/memory").asText()).isEqualTo("102400Ki");
        });
        assertThat(pods.path("items")).singleElement().satisfies(item -> {
            assertThat(item.at("/metadata/name").asText()).isEqualTo("web");
            assertThat(item.at("/containers/0/name").asText()).isEqualTo("app");
            assertThat(item.at("/containers/0/usage/cpu").asText()).isEqualTo("1500000n");
            assertThat(item.at("/containers/0/usage/memory").asText()).isEqualTo("2048Ki");
        });
        assertThat(pod.path("kind").asText()).isEqualTo("PodMetrics");
        assertThat(elsewhere.path("items")).isEmpty();
        assertThat(groups.path("groups")).anySatisfy(group -> assertThat(group.at("/preferredVersion/groupVersion")
                .asText()).isEqualTo("metrics.k8s.io/v1beta1"));
        assertThat(client.get("/apis/metrics.k8s.io/v1beta1").body().path("resources")).hasSize(2);
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

    private record Identity(KeyPair keys, X509Certificate certificate) {
    }

    /** What a node agent does at start: a key of its own, certified by the server's CA for node {@code nodeName}. */
    private Identity issuedCertificate(String nodeName) throws Exception {
        KeyPair keys = CertificateRequests.keys();
        ApiClient.Response answer = client.post(NodeServingCertificate.path(nodeName),
                Map.of(NodeServingCertificate.REQUEST_FIELD, CertificateRequests.pem("system:node:" + nodeName, keys)));
        assertThat(answer.code()).as(String.valueOf(answer.body())).isEqualTo(201);
        return new Identity(keys, certificate(answer.body().path(NodeServingCertificate.CERTIFICATE_FIELD).asText()));
    }

    private static Identity selfSigned(String nodeName) throws Exception {
        CertificateAuthority own = CertificateAuthority.create("system:node:" + nodeName, Instant.now());
        return new Identity(own.keys(), own.certificate());
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static SSLContext servingContext(Identity identity) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", identity.keys().getPrivate(), new char[0], new X509Certificate[] {identity.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private void registerNode(String name, String address) {
        registerNode(name, address, fakeNode.getAddress().getPort());
    }

    private void registerNode(String name, String address, int port) {
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
