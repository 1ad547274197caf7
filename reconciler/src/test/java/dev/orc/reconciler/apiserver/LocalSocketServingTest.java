package dev.orc.reconciler.apiserver;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API served on a Unix domain socket beside its TLS port, for the CLI on the same machine. */
class LocalSocketServingTest {
    @TempDir
    Path dataDir;

    private Store store;
    private ApiServer server;
    private ServerFiles files;

    @BeforeEach
    void start() {
        files = ServerFiles.prepare(dataDir, List.of("127.0.0.1"), Instant.now());
        store = SqliteStore.open(dataDir);
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store).withTls(files.tlsIdentity())
                .withAuthenticator(TokenAuthenticator.fromFile(files.tokenFile())));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    /** The status line of a plain HTTP/1.1 GET of {@code path} sent through {@code socket}. */
    private static String statusOf(Path socket, String path, String token) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            InputStream in = Channels.newInputStream(channel);
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }

    @Test
    void theSocketServesTheSameAuthenticatedApiToItsOwnerOnlyAndGoesWithTheServer() throws IOException {
        Path socket = dataDir.resolve("api.sock");

        server.serveOnSocket(socket);

        assertThat(statusOf(socket, "/api/v1/namespaces/default", files.adminToken())).isEqualTo("HTTP/1.1 200 OK");
        assertThat(statusOf(socket, "/api/v1/namespaces/default", null)).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(statusOf(socket, "/api/v1/namespaces/default", "wrong-token")).isEqualTo("HTTP/1.1 401 Unauthorized");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        server.close();
        server = null;
        assertThat(socket).doesNotExist();
    }

    @Test
    void theClientOfTheServersOwnConfigReachesItThroughTheSocket() throws IOException {
        Path socket = dataDir.resolve("api.sock");
        server.serveOnSocket(socket);
        ApiClient client = ApiClient.over(ApiTransport.http(new ClientConfig(List.of(server.url()), files.adminToken(),
                dataDir.resolve("no-such-ca.crt"), "default", socket), Duration.ofSeconds(10)));

        assertThat(client.get(ResourceTypes.NAMESPACE, null, "default").path("metadata").path("name").asText())
                .isEqualTo("default");
    }

    @Test
    void aSocketLeftByAnEarlierRunIsReplacedAndAnyOtherFileIsRefused() throws IOException {
        Path stale = dataDir.resolve("api.sock");
        try (ServerSocketChannel earlier = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            earlier.bind(UnixDomainSocketAddress.of(stale));
        }
        Path regular = Files.writeString(dataDir.resolve("notes.txt"), "keep me");

        server.serveOnSocket(stale);

        assertThat(statusOf(stale, "/api/v1/namespaces/default", files.adminToken())).isEqualTo("HTTP/1.1 200 OK");
        assertThatThrownBy(() -> server.serveOnSocket(regular)).isInstanceOf(IOException.class)
                .hasMessage(regular + " exists and is not a socket");
        assertThat(regular).hasContent("keep me");
    }
}
