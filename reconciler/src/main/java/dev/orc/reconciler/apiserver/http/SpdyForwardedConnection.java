package dev.orc.reconciler.apiserver.http;

import dev.orc.api.spdy.SpdyFrame;
import dev.orc.api.stream.ChannelFrame;
import dev.orc.api.stream.MessageParts;
import dev.orc.api.stream.PortForwardFrames;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection kubectl forwards through its SPDY tunnel: a data stream and an error stream paired by their request
 * id, carried to the pod by a port-forward WebSocket of one port to the node agent. The agent's data channel becomes
 * data on the data stream, its error channel text on the error stream; when the agent's WebSocket closes (the pod's
 * connection ended or could not be made), both streams are finished. The client finishing its data stream ends the
 * connection a second later, as containerd's port-forward gives the other direction a second to drain.
 */
final class SpdyForwardedConnection implements WebSocket.Listener {
    private static final long SEND_TIMEOUT_SECONDS = 30;
    private static final long DRAIN_SECONDS = 1;

    private final int port;
    private final int dataStream;
    private final int errorStream;
    private final SpdyFrameWriter writer;
    private final Runnable onEnd;
    private final CompletableFuture<WebSocket> agent = new CompletableFuture<>();
    private final MessageParts parts = new MessageParts();
    private final AtomicBoolean finished = new AtomicBoolean();
    private boolean dataPortSeen;
    private boolean errorPortSeen;

    SpdyForwardedConnection(int port, int dataStream, int errorStream, SpdyFrameWriter writer, Runnable onEnd) {
        this.port = port;
        this.dataStream = dataStream;
        this.errorStream = errorStream;
        this.writer = writer;
        this.onEnd = onEnd;
    }

    int dataStream() {
        return dataStream;
    }

    /** The agent could not be reached: the client reads why on the error stream. */
    void failed(String message) {
        if (agent.completeExceptionally(new IllegalStateException(message))) {
            writer.send(new SpdyFrame.Data(errorStream, false, ("error forwarding port " + port + ": " + message)
                    .getBytes(StandardCharsets.UTF_8)));
            finish();
        }
    }

    /** Bytes from the client for the pod, passed on once the agent took the ones before. */
    void fromClient(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        try {
            WebSocket socket = agent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            socket.sendBinary(new ChannelFrame(PortForwardFrames.dataChannel(0), payload).encode(), true)
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        } catch (ExecutionException | TimeoutException e) {
            close();
        }
    }

    /** The client sends no more: the connection ends after a moment for the pod's last bytes. */
    void clientFinished() {
        CompletableFuture.delayedExecutor(DRAIN_SECONDS, TimeUnit.SECONDS).execute(this::close);
    }

    /** Ends the connection now: the agent's WebSocket is closed, and with it the connection to the pod. */
    void close() {
        if (agent.completeExceptionally(new IllegalStateException("the connection was closed"))) {
            finish();
        }
        agent.thenAccept(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> {
            socket.abort();
            return null;
        }));
    }

    @Override
    public void onOpen(WebSocket socket) {
        if (!agent.complete(socket)) {
            socket.abort();
            return;
        }
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        Optional<ByteBuffer> whole = parts.add(data, last);
        if (whole.isPresent() && !relay(ChannelFrame.decode(whole.get()))) {
            socket.abort();
            finish();
            return null;
        }
        socket.request(1);
        return null;
    }

    /** The agent's first message on each channel names the port; the rest is for the client. */
    private boolean relay(ChannelFrame frame) {
        if (frame.channel() == PortForwardFrames.dataChannel(0)) {
            if (!dataPortSeen) {
                dataPortSeen = true;
                return true;
            }
            return writer.send(new SpdyFrame.Data(dataStream, false, frame.payload()));
        }
        if (frame.channel() == PortForwardFrames.errorChannel(0)) {
            if (!errorPortSeen) {
                errorPortSeen = true;
                return true;
            }
            return writer.send(new SpdyFrame.Data(errorStream, false, frame.payload()));
        }
        return true;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        finish();
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        if (!agent.isDone()) {
            failed("cannot reach the node: " + error.getMessage());
        } else {
            finish();
        }
    }

    /** Both streams end, once. */
    private void finish() {
        if (finished.compareAndSet(false, true)) {
            writer.send(new SpdyFrame.Data(dataStream, true, new byte[0]));
            writer.send(new SpdyFrame.Data(errorStream, true, new byte[0]));
            onEnd.run();
        }
    }
}
