package dev.orc.reconciler.apiserver.http;

import dev.orc.api.stream.ChannelFrame;
import dev.orc.api.stream.ExitStatus;
import dev.orc.api.stream.MessageParts;
import dev.orc.api.stream.StreamProtocol;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Relays one exec, attach or port-forward between the client's WebSocket and the node agent's, message for message:
 * both speak the same channel protocol, so frames pass unchanged. Each direction is ordered and held back by the
 * slower side: the agent's next message is asked for only once the client took the last one, and a client's message
 * waits until the agent took it. When the agent cannot be reached, an exec or attach client learns why on the error
 * channel; a port-forward client's connection is closed with the reason.
 */
final class StreamRelay implements WebSocket.Listener, ClientStream {
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Session client;
    private final boolean reportsStatus;
    private final CompletableFuture<WebSocket> agent = new CompletableFuture<>();
    private final MessageParts parts = new MessageParts();

    /** {@code reportsStatus}: the client reads an exit status on the error channel (exec, attach). */
    StreamRelay(Session client, boolean reportsStatus) {
        this.client = client;
        this.reportsStatus = reportsStatus;
    }

    /** The agent could not be reached or refused the stream. */
    void failed(String message) {
        if (agent.completeExceptionally(new IllegalStateException(message))) {
            if (reportsStatus) {
                client.sendBinary(new ChannelFrame(StreamProtocol.ERROR, ExitStatus.failed(message).toJson()).encode(),
                        Callback.from(() -> client.close(1000, "", Callback.NOOP), failure -> client.close()));
            } else {
                client.close(1011, truncated(message), Callback.NOOP);
            }
        }
    }

    /** A client's message, passed on once the agent took the one before; false when the agent is gone. */
    @Override
    public synchronized boolean toAgent(ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message.duplicate()).flip();
        try {
            WebSocket socket = agent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            socket.sendBinary(copy, true).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The client closed: so does the agent's side. */
    @Override
    public void clientClosed() {
        agent.thenAccept(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> {
            socket.abort();
            return null;
        }));
        agent.completeExceptionally(new IllegalStateException("the client closed the stream"));
    }

    @Override
    public void onOpen(WebSocket socket) {
        agent.complete(socket);
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        Optional<ByteBuffer> whole = parts.add(data, last);
        if (whole.isEmpty()) {
            socket.request(1);
            return null;
        }
        ByteBuffer message = whole.get();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        client.sendBinary(message, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        return sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                socket.request(1);
            } else {
                socket.abort();
            }
        });
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        boolean plain = statusCode == WebSocket.NORMAL_CLOSURE || statusCode == 1005 || statusCode == 1006;
        client.close(plain ? 1000 : statusCode, plain ? "" : truncated(reason), Callback.NOOP);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        if (!agent.isDone()) {
            failed(String.valueOf(error.getMessage()));
        } else {
            client.close(1011, truncated("the node's stream failed: " + error.getMessage()), Callback.NOOP);
        }
    }

    /** A close reason fits in a control frame's 123 bytes. */
    private static String truncated(String reason) {
        return reason.length() <= 120 ? reason : reason.substring(0, 120);
    }
}
