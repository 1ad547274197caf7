package dev.orc.reconciler.apiserver.http;

import dev.orc.api.spdy.SpdyDecoder;
import dev.orc.api.spdy.SpdyFrame;
import dev.orc.api.spdy.SpdyHeaders;
import dev.orc.api.spdy.SpdyProtocolException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * kubectl's port-forward (1.31+): SPDY/3.1 carried in the binary messages of a WebSocket that asked for
 * {@value #PROTOCOL}. For each local connection kubectl opens an error stream and a data stream, both naming the
 * pod's port and one request id ({@code streamType}, {@code port}, {@code requestID} headers, as the kubelet reads
 * them); once both are there, the pair is forwarded to the pod by its own {@link SpdyForwardedConnection}. PINGs are
 * answered; a GOAWAY or the WebSocket's close ends every connection. Bytes that are not SPDY/3 end the tunnel with a
 * GOAWAY naming a protocol error.
 */
final class SpdyTunnel implements ClientStream {
    static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";
    /** As the kubelet's stream creation timeout: the second stream of a pair must come within it. */
    private static final Duration PAIRING_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_FRAME = 1 << 20;
    /** Port-forward connections (pairs of streams, forwarded or waiting for their second stream) one kubectl may hold. */
    static final int MAX_CONNECTIONS = 128;

    /** Opens the agent's port-forward WebSocket for one port. */
    interface AgentOpener {
        CompletableFuture<WebSocket> open(int port, WebSocket.Listener listener);
    }

    /** The streams of one request id seen so far. */
    private static final class Pair {
        final int port;
        volatile int dataStream;
        volatile int errorStream;

        Pair(int port) {
            this.port = port;
        }
    }

    private final Session client;
    private final AgentOpener opener;
    private final SpdyFrameWriter writer;
    private final SpdyDecoder decoder = new SpdyDecoder(MAX_FRAME);
    private final Map<String, Pair> pairing = new ConcurrentHashMap<>();
    private final Map<Integer, SpdyForwardedConnection> byDataStream = new ConcurrentHashMap<>();
    private final int maxConnections;
    private int lastStreamId;
    private volatile boolean closed;

    SpdyTunnel(Session client, AgentOpener opener) {
        this(client, opener, MAX_CONNECTIONS);
    }

    SpdyTunnel(Session client, AgentOpener opener, int maxConnections) {
        this.maxConnections = maxConnections;
        this.client = client;
        this.opener = opener;
        this.writer = new SpdyFrameWriter(client);
    }

    @Override
    public boolean toAgent(ByteBuffer message) {
        if (closed) {
            return true;
        }
        try {
            for (SpdyFrame frame : decoder.decode(message)) {
                handle(frame);
            }
            return true;
        } catch (SpdyProtocolException e) {
            writer.send(new SpdyFrame.GoAway(lastStreamId, SpdyFrame.PROTOCOL_ERROR));
            client.close(1002, truncated("not SPDY/3.1: " + e.getMessage()), Callback.NOOP);
            clientClosed();
            return true;
        }
    }

    @Override
    public void clientClosed() {
        closed = true;
        byDataStream.values().forEach(SpdyForwardedConnection::close);
        writer.close();
        decoder.close();
    }

    private void handle(SpdyFrame frame) {
        switch (frame) {
            case SpdyFrame.SynStream syn -> opened(syn);
            case SpdyFrame.Data data -> {
                SpdyForwardedConnection connection = byDataStream.get(data.streamId());
                if (connection != null) {
                    connection.fromClient(data.payload());
                    if (data.fin()) {
                        connection.clientFinished();
                    }
                }
            }
            case SpdyFrame.RstStream rst -> {
                SpdyForwardedConnection connection = byDataStream.get(rst.streamId());
                if (connection != null) {
                    connection.close();
                }
            }
            case SpdyFrame.Ping ping -> {
                if ((ping.id() & 1) == 1) {
                    writer.send(ping);
                }
            }
            case SpdyFrame.GoAway away -> byDataStream.values().forEach(SpdyForwardedConnection::close);
            case SpdyFrame.SynReply reply -> writer.send(new SpdyFrame.RstStream(reply.streamId(),
                    SpdyFrame.PROTOCOL_ERROR));
            case SpdyFrame.Settings settings -> {
                // nothing kubectl sets changes how orc forwards
            }
            case SpdyFrame.Headers headers -> {
                // port-forward streams carry all their headers in SYN_STREAM
            }
            case SpdyFrame.WindowUpdate update -> {
                // no flow control: kubectl's spdystream neither sends nor heeds it
            }
        }
    }

    /**
     * A new stream from kubectl: refused when its headers are wrong or when it would open a connection beyond
     * {@link #MAX_CONNECTIONS} (each pair holds a WebSocket to the agent), else replied to and paired.
     */
    private void opened(SpdyFrame.SynStream syn) {
        int streamId = syn.streamId();
        if ((streamId & 1) == 0 || streamId <= lastStreamId) {
            writer.send(new SpdyFrame.RstStream(streamId, SpdyFrame.PROTOCOL_ERROR));
            return;
        }
        lastStreamId = streamId;
        SpdyHeaders headers = syn.headers();
        Optional<String> type = headers.first("streamType");
        Optional<Integer> port = headers.first("port").flatMap(SpdyTunnel::port);
        if (type.isEmpty() || !type.get().equals("data") && !type.get().equals("error") || port.isEmpty()) {
            writer.send(new SpdyFrame.RstStream(streamId, SpdyFrame.REFUSED_STREAM));
            return;
        }
        boolean data = type.get().equals("data");
        String requestId = headers.first("requestID").orElse(Integer.toString(data ? streamId - 2 : streamId));
        if (!pairing.containsKey(requestId) && pairing.size() + byDataStream.size() >= maxConnections) {
            writer.send(new SpdyFrame.RstStream(streamId, SpdyFrame.REFUSED_STREAM));
            return;
        }
        writer.send(new SpdyFrame.SynReply(streamId, false, SpdyHeaders.EMPTY));
        Pair pair = pairing.computeIfAbsent(requestId, id -> {
            CompletableFuture.delayedExecutor(PAIRING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .execute(() -> unpaired(id));
            return new Pair(port.get());
        });
        if (data) {
            pair.dataStream = streamId;
        } else {
            pair.errorStream = streamId;
        }
        if (pair.dataStream != 0 && pair.errorStream != 0 && pairing.remove(requestId, pair)) {
            forward(pair);
        }
    }

    private void forward(Pair pair) {
        SpdyForwardedConnection connection = new SpdyForwardedConnection(pair.port, pair.dataStream, pair.errorStream,
                writer, () -> byDataStream.remove(pair.dataStream));
        byDataStream.put(pair.dataStream, connection);
        try {
            opener.open(pair.port, connection).whenComplete((socket, failure) -> {
                if (failure != null) {
                    connection.failed(rootMessage(failure));
                }
            });
        } catch (RuntimeException e) {
            connection.failed(e.getMessage());
        }
    }

    /** A request whose second stream never came: its error stream says so, and both streams end. */
    private void unpaired(String requestId) {
        Pair pair = pairing.remove(requestId);
        if (pair == null) {
            return;
        }
        if (pair.errorStream != 0) {
            writer.send(new SpdyFrame.Data(pair.errorStream, false, ("timed out waiting for the data stream of"
                    + " request " + requestId + " for port " + pair.port).getBytes(StandardCharsets.UTF_8)));
            writer.send(new SpdyFrame.Data(pair.errorStream, true, new byte[0]));
        }
        if (pair.dataStream != 0) {
            writer.send(new SpdyFrame.RstStream(pair.dataStream, SpdyFrame.CANCEL));
        }
    }

    private static Optional<Integer> port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            return port >= 1 && port <= 65535 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static String truncated(String reason) {
        return reason.length() <= 120 ? reason : reason.substring(0, 120);
    }
}
