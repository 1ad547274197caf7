package dev.orc.api.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client given several servers of one cluster keeps working while any of them answers. */
class ServerFailoverTest {
    private static final String NODE = "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"n1\"}}";

    private final StubServer live = stub();
    private final String dead = "http://127.0.0.1:" + closedPort();

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void aRequestTheFirstServerRefusesGoesToTheNextWhichThenServesTheFollowingRequests() {
        live.on("GET /api/v1/nodes/n1", 200, NODE).on("POST /api/v1/nodes", 201, NODE);
        ApiClient client = ApiClient.connect(ClientConfig.empty().withServer(dead + "," + live.url()));

        assertThat(client.get(ResourceTypes.NODE, null, "n1").at("/metadata/name").asText()).isEqualTo("n1");
        assertThat(client.server().toString()).isEqualTo(live.url().toString());
        client.create(ResourceTypes.NODE, null, node(), WriteOptions.defaults());
        assertThat(live.requests()).extracting(StubServer.Request::method).containsExactly("GET", "POST");
    }

    @Test
    void aWriteTheServerNeverReceivedIsSentToTheNextServer() {
        live.on("POST /api/v1/nodes", 201, NODE);
        ApiClient client = ApiClient.connect(ClientConfig.empty().withServer(dead + "," + live.url()));

        client.create(ResourceTypes.NODE, null, node(), WriteOptions.defaults());
        assertThat(live.requests()).extracting(StubServer.Request::method).containsExactly("POST");
    }

    @Test
    void whenNoServerAnswersTheErrorNamesThemAll() {
        String alsoDead = "http://127.0.0.1:" + closedPort();
        ApiClient client = ApiClient.connect(ClientConfig.empty().withServer(dead + "," + alsoDead));

        assertThatThrownBy(() -> client.get(ResourceTypes.NODE, null, "n1"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.isUnreachable()).isTrue();
                    assertThat(e.getMessage()).isEqualTo("cannot reach the orc server at " + alsoDead
                            + ": connection refused (tried any of " + dead + ", " + alsoDead + ")");
                });
    }

    @Test
    void aWatchThatCannotReachItsServerMakesTheNextWatchGoToTheNextServer() throws InterruptedException {
        live.on("GET /api/v1/pods", 200, "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"5\"}}}\n");
        ApiClient client = ApiClient.connect(ClientConfig.empty().withServer(dead + "," + live.url()));
        AtomicReference<ApiException> ended = new AtomicReference<>();
        WatchListener listener = new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
            }

            @Override
            public void onClose(ApiException cause) {
                ended.set(cause);
            }
        };

        WatchHandle first = client.watch(ResourceTypes.POD, null, ListOptions.all(), listener);
        assertThat(first.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(ended.get().isUnreachable()).isTrue();

        WatchHandle second = client.watch(ResourceTypes.POD, null, ListOptions.all(), listener);
        assertThat(second.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(live.requests()).extracting(StubServer.Request::path).containsExactly("/api/v1/pods");
    }

    @Test
    void theConfigFileKeepsSeveralServersAndRefusesAnEmptyEntry(@TempDir Path home) {
        Path file = home.resolve("config");
        ClientConfig.empty().withServer("https://10.0.0.1:6443,10.0.0.2:6443").withToken("t").write(file);

        ClientConfig read = ClientConfig.read(file);
        assertThat(read.servers()).extracting(Object::toString).containsExactly("https://10.0.0.1:6443", "https://10.0.0.2:6443");
        assertThat(read.server()).hasToString("https://10.0.0.1:6443");
        assertThatThrownBy(() -> ClientConfig.empty().withServer("https://10.0.0.1:6443,,https://10.0.0.2:6443"))
                .hasMessage("invalid server address list \"https://10.0.0.1:6443,,https://10.0.0.2:6443\": expected URLs "
                        + "separated by commas, like https://10.0.0.1:6443,https://10.0.0.2:6443");
    }

    private static ObjectNode node() {
        return (ObjectNode) Json.parse(NODE);
    }

    private static StubServer stub() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
