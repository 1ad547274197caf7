package dev.orc.reconciler.apiserver.http;

import dev.orc.api.spdy.SpdyDecoder;
import dev.orc.api.spdy.SpdyEncoder;
import dev.orc.api.spdy.SpdyFrame;
import dev.orc.api.spdy.SpdyHeaders;
import dev.orc.api.stream.ChannelFrame;
import dev.orc.api.stream.PortForwardFrames;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The tunnel between kubectl's SPDY frames and the agent's port-forward WebSockets, with both ends recorded. */
class SpdyTunnelTest {
    private final List<SpdyFrame> toClient = new CopyOnWriteArrayList<>();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private final SpdyDecoder clientDecoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH);
    private final SpdyEncoder clientEncoder = new SpdyEncoder();
    private final List<Integer> portsOpened = new ArrayList<>();
    private final List<WebSocket.Listener> agentListeners = new ArrayList<>();
    private final List<ChannelFrame> toAgent = new CopyOnWriteArrayList<>();
    private final List<String> agentCalls = new CopyOnWriteArrayList<>();
    private CompletableFuture<WebSocket> agentOutcome = new CompletableFuture<>();
    private final SpdyTunnel tunnel = new SpdyTunnel(client(), (port, listener) -> {
        portsOpened.add(port);
        agentListeners.add(listener);
        return agentOutcome;
    });

    @AfterEach
    void close() {
        tunnel.clientClosed();
        clientDecoder.close();
        clientEncoder.close();
    }

    @Test
    void aPairOfStreamsIsRepliedToAndForwardedToTheAgentAsOnePort() {
        openPair(1, 3, "0", "8080");

        assertThat(toClient).containsExactly(new SpdyFrame.SynReply(1, false, SpdyHeaders.EMPTY),
                new SpdyFrame.SynReply(3, false, SpdyHeaders.EMPTY));
        assertThat(portsOpened).containsExactly(8080);

        WebSocket agent = agentOpened();
        fromClient(new SpdyFrame.Data(3, false, bytes("GET / HTTP/1.0\r\n\r\n")));
        assertThat(toAgent).containsExactly(new ChannelFrame(0, bytes("GET / HTTP/1.0\r\n\r\n")));

        WebSocket.Listener listener = agentListeners.getFirst();
        listener.onBinary(agent, PortForwardFrames.portPrefix(0, 8080).encode(), true);
        listener.onBinary(agent, PortForwardFrames.portPrefix(1, 8080).encode(), true);
        listener.onBinary(agent, new ChannelFrame(0, bytes("HTTP/1.0 200 OK")).encode(), true);
        listener.onClose(agent, WebSocket.NORMAL_CLOSURE, "");

        assertThat(toClient.subList(2, toClient.size())).containsExactly(
                new SpdyFrame.Data(3, false, bytes("HTTP/1.0 200 OK")),
                new SpdyFrame.Data(3, true, new byte[0]),
                new SpdyFrame.Data(1, true, new byte[0]));
    }

    @Test
    void streamsOfDifferentRequestsAreNotPairedWithEachOther() {
        fromClient(syn(1, "error", "0", "8080"));
        fromClient(syn(3, "data", "1", "8081"));

        assertThat(portsOpened).isEmpty();

        fromClient(syn(5, "data", "0", "8080"));
        fromClient(syn(7, "error", "1", "8081"));
        assertThat(portsOpened).containsExactly(8080, 8081);
    }

    @Test
    void theAgentsErrorChannelIsWrittenOnTheErrorStream() {
        openPair(1, 3, "0", "9999");
        WebSocket agent = agentOpened();
        WebSocket.Listener listener = agentListeners.getFirst();

        listener.onBinary(agent, PortForwardFrames.portPrefix(0, 9999).encode(), true);
        listener.onBinary(agent, PortForwardFrames.portPrefix(1, 9999).encode(), true);
        listener.onBinary(agent, new ChannelFrame(1, bytes("connection refused")).encode(), true);

        assertThat(toClient).contains(new SpdyFrame.Data(1, false, bytes("connection refused")));
    }

    @Test
    void anAgentThatCannotBeReachedIsReportedOnTheErrorStream() {
        agentOutcome = CompletableFuture.failedFuture(new IllegalStateException("no route to host"));

        openPair(1, 3, "0", "8080");

        assertThat(toClient.subList(2, toClient.size())).containsExactly(
                new SpdyFrame.Data(1, false, bytes("error forwarding port 8080: no route to host")),
                new SpdyFrame.Data(3, true, new byte[0]),
                new SpdyFrame.Data(1, true, new byte[0]));
    }

    @Test
    void aStreamWithoutAPortIsRefused() {
        fromClient(new SpdyFrame.SynStream(1, 0, 0, false, false, SpdyHeaders.of("streamType", "data")));
        fromClient(syn(3, "data", "0", "70000"));
        fromClient(syn(5, "other", "0", "80"));

        assertThat(toClient).containsExactly(new SpdyFrame.RstStream(1, SpdyFrame.REFUSED_STREAM),
                new SpdyFrame.RstStream(3, SpdyFrame.REFUSED_STREAM), new SpdyFrame.RstStream(5, SpdyFrame.REFUSED_STREAM));
    }

    @Test
    void connectionsBeyondTheCapAreRefusedUntilOneEnds() {
        SpdyTunnel capped = new SpdyTunnel(client(), (port, listener) -> {
            agentListeners.add(listener);
            return agentOutcome;
        }, 2);
        try {
            for (int request = 0; request < 3; request++) {
                fromClient(capped, syn(4 * request + 1, "error", Integer.toString(request), "8080"));
                fromClient(capped, syn(4 * request + 3, "data", Integer.toString(request), "8080"));
            }
            assertThat(agentListeners).hasSize(2);
            assertThat(toClient).endsWith(new SpdyFrame.RstStream(9, SpdyFrame.REFUSED_STREAM),
                    new SpdyFrame.RstStream(11, SpdyFrame.REFUSED_STREAM));

            fromClient(capped, new SpdyFrame.RstStream(3, SpdyFrame.CANCEL));
            fromClient(capped, syn(13, "error", "3", "8080"));
            fromClient(capped, syn(15, "data", "3", "8080"));
            assertThat(agentListeners).hasSize(3);
        } finally {
            capped.clientClosed();
        }
    }

    @Test
    void theClientsPingsAreAnsweredAndNoOthers() {
        fromClient(new SpdyFrame.Ping(1));
        fromClient(new SpdyFrame.Ping(2));

        assertThat(toClient).containsExactly(new SpdyFrame.Ping(1));
    }

    @Test
    void aResetOfTheDataStreamClosesTheAgentsWebSocket() {
        openPair(1, 3, "0", "8080");
        agentOpened();

        fromClient(new SpdyFrame.RstStream(3, SpdyFrame.CANCEL));

        assertThat(agentCalls).contains("sendClose");
    }

    @Test
    void bytesThatAreNotSpdyEndTheTunnelWithAGoAway() {
        tunnel.toAgent(ByteBuffer.wrap(new byte[]{(byte) 0x80, 2, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1}));

        assertThat(toClient).containsExactly(new SpdyFrame.GoAway(0, SpdyFrame.PROTOCOL_ERROR));
        assertThat(closeCodes).containsExactly(1002);
    }

    private void openPair(int errorStream, int dataStream, String requestId, String port) {
        fromClient(syn(errorStream, "error", requestId, port));
        fromClient(new SpdyFrame.Data(errorStream, true, new byte[0]));
        fromClient(syn(dataStream, "data", requestId, port));
    }

    private WebSocket agentOpened() {
        WebSocket agent = agent();
        agentOutcome.complete(agent);
        agentListeners.getLast().onOpen(agent);
        return agent;
    }

    private static SpdyFrame.SynStream syn(int streamId, String type, String requestId, String port) {
        return new SpdyFrame.SynStream(streamId, 0, 0, false, false,
                SpdyHeaders.of("streamType", type, "port", port, "requestID", requestId));
    }

    private void fromClient(SpdyFrame frame) {
        fromClient(tunnel, frame);
    }

    private void fromClient(SpdyTunnel target, SpdyFrame frame) {
        assertThat(target.toAgent(clientEncoder.encode(frame))).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Session client() {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> closeCodes.isEmpty();
                    case "sendBinary" -> {
                        toClient.addAll(clientDecoder.decode((ByteBuffer) args[0]));
                        ((Callback) args[1]).succeed();
                        yield null;
                    }
                    case "close" -> {
                        if (args != null && args.length == 3) {
                            closeCodes.add((Integer) args[0]);
                        }
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private WebSocket agent() {
        return (WebSocket) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{WebSocket.class},
                (proxy, method, args) -> {
                    agentCalls.add(method.getName());
                    return switch (method.getName()) {
                        case "sendBinary" -> {
                            toAgent.add(ChannelFrame.decode((ByteBuffer) args[0]));
                            yield CompletableFuture.completedFuture(proxy);
                        }
                        case "sendClose" -> CompletableFuture.completedFuture(proxy);
                        case "request", "abort" -> null;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}
