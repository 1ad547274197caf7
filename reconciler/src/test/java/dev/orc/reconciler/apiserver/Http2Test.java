package dev.orc.reconciler.apiserver;

import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's TLS listener speaks HTTP/2 to a client that offers it, by ALPN, and HTTP/1.1 to one that does not. */
class Http2Test {
    @TempDir
    Path dataDir;

    private Store store;
    private ApiServer server;
    private ServerFiles files;

    @BeforeEach
    void start() {
        files = ServerFiles.prepare(dataDir, List.of("localhost", "127.0.0.1"), Instant.now());
        store = SqliteStore.open(dataDir);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withTls(files.tlsIdentity())
                .withAuthenticator(TokenAuthenticator.fromFile(files.tokenFile())));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private HttpClient client(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).sslContext(SecurityTest.trusting(files.caCertificate())).build();
    }

    @Test
    void aClientOfferingH2GetsH2AndAWatchStreamsOverIt() throws Exception {
        ApiClient api = new ApiClient(client(HttpClient.Version.HTTP_2), server.url(), files.adminToken());

        try (ApiClient.WatchStream watch = api.watch("/api/v1/namespaces/default/configmaps?watch=1")) {
            assertThat(watch.code()).isEqualTo(200);
            assertThat(watch.version()).isEqualTo(HttpClient.Version.HTTP_2);
            api.post("/api/v1/namespaces/default/configmaps", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", "first")));
            api.post("/api/v1/namespaces/default/configmaps", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", "second")));

            assertThat(watch.next().at("/object/metadata/name").asText()).isEqualTo("first");
            assertThat(watch.next().at("/object/metadata/name").asText()).isEqualTo("second");
        }
    }

    @Test
    void aClientOfferingOnlyHttp11ByAlpnGetsHttp11() throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setApplicationProtocols(new String[]{"http/1.1"});
        try (SSLSocket socket = (SSLSocket) SecurityTest.trusting(files.caCertificate()).getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
            assertThat(statusLine).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aClientWithoutAlpnGetsHttp11() throws Exception {
        HttpResponse<String> response = client(HttpClient.Version.HTTP_1_1).send(
                HttpRequest.newBuilder(server.url().resolve("/api/v1/namespaces/default"))
                        .header("Authorization", "Bearer " + files.adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
}
