package dev.orc.node.stream;

import dev.orc.api.nodeaccess.NodeRequestToken;
import dev.orc.api.stream.ChannelFrame;
import dev.orc.api.stream.ExitStatus;
import dev.orc.api.stream.StreamProtocol;
import dev.orc.node.logs.ServerRequests;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.net.TestCertificates;
import dev.orc.node.net.UncheckedTls;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.fake.FakeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent's stream endpoint over a real WebSocket, the runtime faked: who may call it, and what an exec sends. */
class StreamServerTest {
    private static final String EXEC = "/exec/default/web?command=echo&command=hi&stdin=false&stdout=true&stderr=true"
            + "&tty=false";

    private final KeyPair server = keys();
    private final FakeRuntime runtime = new FakeRuntime(Clock.systemUTC()).addImage("app:1");
    private final TestCertificates certificates = new TestCertificates();
    private final StreamServer streams = StreamServer.start(runtime, "n1",
            new ServerRequests(Optional.of(server.getPublic()), "n1", Clock.systemUTC()),
            certificates.identity("n1").serverContext());
    private final HttpClient http = UncheckedTls.client();

    @AfterEach
    void stop() {
        streams.close();
        http.close();
    }

    @Test
    void anExecSendsItsOutputThenItsExitStatusAndCloses() throws Exception {
        String id = runtime.create(ContainerSpec.builder("orc_app_web", "app:1").labels(Map.of(PodLabels.NODE, "n1",
                PodLabels.POD_NAMESPACE, "default", PodLabels.POD_NAME, "web", PodLabels.CONTAINER_NAME, "app",
                PodLabels.ROLE, "app")).build());
        runtime.start(id);
        runtime.execResult(id, List.of("echo", "hi"), new ExecResult(3, "hi\n", ""));
        Frames frames = new Frames();

        open(EXEC, signed(EXEC), frames);

        assertThat(frames.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(frames.received).hasSize(2);
        assertThat(frames.received.get(0)).isEqualTo(new ChannelFrame(StreamProtocol.STDOUT,
                "hi\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(frames.received.get(1).channel()).isEqualTo(StreamProtocol.ERROR);
        assertThat(ExitStatus.parse(frames.received.get(1).payload()).exitCode()).isEqualTo(3);
    }

    @Test
    void aMissingContainerIsToldOnTheErrorChannel() throws Exception {
        Frames frames = new Frames();

        open(EXEC, signed(EXEC), frames);

        assertThat(frames.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(ExitStatus.parse(frames.received.getLast().payload()).message())
                .contains("pod \"web\" in namespace \"default\" has no containers on this node");
    }

    @Test
    void onlyTheServersSignatureOfTheExactRequestOpensAStream() {
        assertThatThrownBy(() -> open(EXEC, "Bearer nope", new Frames()))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        String other = EXEC.replace("command=hi", "command=bye");
        assertThatThrownBy(() -> open(other, signed(EXEC), new Frames()))
                .cause().isInstanceOf(WebSocketHandshakeException.class);
    }

    private String signed(String pathAndQuery) {
        return "Bearer " + NodeRequestToken.of("n1", pathAndQuery, Clock.systemUTC().instant()).sign(server.getPrivate());
    }

    private void open(String pathAndQuery, String authorization, Frames frames) throws InterruptedException,
            ExecutionException, java.util.concurrent.TimeoutException {
        http.newWebSocketBuilder().subprotocols(StreamProtocol.V5.header()).header("Authorization", authorization)
                .buildAsync(URI.create("wss://127.0.0.1:" + streams.port() + pathAndQuery), frames)
                .get(10, TimeUnit.SECONDS);
    }

    private static final class Frames implements WebSocket.Listener {
        final List<ChannelFrame> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                received.add(ChannelFrame.decode(ByteBuffer.wrap(partial.toByteArray())));
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
