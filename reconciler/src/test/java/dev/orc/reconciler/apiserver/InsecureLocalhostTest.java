package dev.orc.reconciler.apiserver;

import dev.orc.api.json.Json;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server without authentication cannot be driven by a web page: a body is read only as JSON, and a request from
 * another origin or for a non-loopback host (DNS rebinding) is refused (the CSRF of finding M4).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsecureLocalhostTest {
    private static final String CONFIG_MAP = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\"}}";

    private Store store;
    private ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        store = SqliteStore.open(Files.createTempDirectory("orc-insecure"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store));
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> create(String name, String contentType, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(CONFIG_MAP.formatted(name)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String name) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/default/configmaps/" + name))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aJsonBodyFromACommandLineClientIsCreated() throws Exception {
        assertThat(create("from-cli", "application/json", null).statusCode()).isEqualTo(201);
        assertThat(create("from-this-origin", "application/json; charset=utf-8", server.url().toString().replaceAll("/$", ""))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIsRefusedWith415NamingItsType() throws Exception {
        HttpResponse<String> response = create("plain", "text/plain", null);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Json.parse(response.body()).path("message").asText()).contains("text/plain");
        assertThat(status("plain")).isEqualTo(404);
    }

    @Test
    void aRequestFromAnotherSitesPageIsRefused() throws Exception {
        HttpResponse<String> response = create("cross-site", "application/json", "https://attacker.example");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Json.parse(response.body()).path("message").asText()).contains("Origin: https://attacker.example");
        assertThat(status("cross-site")).isEqualTo(404);
    }

    @Test
    void aRequestForAHostThatIsNotLoopbackIsRefused() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/namespaces HTTP/1.1\r\nHost: rebound.attacker.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 403").contains("Host: rebound.attacker.example");
        }
    }
}
