package dev.orc.cli.stream;

import dev.orc.api.client.StreamConnector;
import dev.orc.api.stream.ChannelFrame;
import dev.orc.api.stream.MessageParts;
import dev.orc.api.stream.PortForwardFrames;
import dev.orc.api.stream.StreamProtocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Local listeners that forward each accepted connection to a pod's port through its own {@code pods/NAME/portforward}
 * WebSocket, as kubectl does: the pod's bytes come on the data channel after its port announcement, the local bytes
 * go out on it, an error on the error channel ends the connection and is printed.
 */
public final class PortForwarder implements AutoCloseable {
    private static final long SEND_TIMEOUT_SECONDS = 60;
    private static final int CHUNK = 16 * 1024;

    private final StreamConnector connector;
    private final String portForwardPath;
    private final PrintWriter err;
    private final List<ServerSocket> listeners = new ArrayList<>();

    /** {@code portForwardPath}: the encoded path of the pod's portforward subresource. */
    public PortForwarder(StreamConnector connector, String portForwardPath, PrintWriter err) {
        this.connector = connector;
        this.portForwardPath = portForwardPath;
        this.err = err;
    }

    /** Listens on {@code address} for the mapping and returns the local port bound. */
    public int listen(InetAddress address, PortMapping mapping) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(address, mapping.local()));
        listeners.add(listener);
        Thread.ofVirtual().name("orc-port-forward-" + mapping.remote()).start(() -> accept(listener, mapping.remote()));
        return listener.getLocalPort();
    }

    private void accept(ServerSocket listener, int remote) {
        while (!listener.isClosed()) {
            try {
                Socket local = listener.accept();
                Thread.ofVirtual().start(() -> forward(local, remote));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void forward(Socket local, int remote) {
        Connection connection;
        try {
            connection = new Connection(local);
        } catch (IOException e) {
            return;
        }
        try {
            WebSocket socket;
            try {
                socket = connector.open(portForwardPath + PortForwardFrames.query(List.of(remote)),
                        List.of(StreamProtocol.V4.header()), connection).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                report("port " + remote + ": " + RemoteProcess.refusal(e.getCause()));
                return;
            }
            InputStream in = local.getInputStream();
            byte[] buffer = new byte[CHUNK];
            int read;
            while ((read = in.read(buffer)) >= 0 && !socket.isOutputClosed()) {
                socket.sendBinary(ChannelFrame.of(PortForwardFrames.dataChannel(0), buffer, 0, read).encode(), true)
                        .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            connection.awaitClosed(socket);
        } catch (IOException | ExecutionException | TimeoutException e) {
            if (!connection.closed.isDone()) {
                report("port " + remote + ": " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.closeLocal();
        }
    }

    private synchronized void report(String message) {
        err.println("error: " + message);
        err.flush();
    }

    /** The pod's side of one local connection. */
    private final class Connection implements WebSocket.Listener {
        private final Socket local;
        private final OutputStream out;
        private final MessageParts parts = new MessageParts();
        private final java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
        private final boolean[] announced = new boolean[2];

        Connection(Socket local) throws IOException {
            this.local = local;
            this.out = local.getOutputStream();
        }

        /** After the local side ended: the pod's side is given a moment to finish, then closed. */
        void awaitClosed(WebSocket socket) throws InterruptedException {
            try {
                local.shutdownOutput();
            } catch (IOException e) {
                // the local side is gone already
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
            try {
                closed.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                socket.abort();
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            Optional<ByteBuffer> message = parts.add(data, last);
            if (message.isPresent()) {
                ChannelFrame frame = ChannelFrame.decode(message.get());
                int channel = frame.channel();
                if (channel < 2 && !announced[channel]) {
                    announced[channel] = true;
                } else if (channel == PortForwardFrames.dataChannel(0)) {
                    try {
                        out.write(frame.payload());
                        out.flush();
                    } catch (IOException e) {
                        webSocket.abort();
                        return null;
                    }
                } else if (channel == PortForwardFrames.errorChannel(0)) {
                    report(new String(frame.payload(), StandardCharsets.UTF_8));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (reason != null && !reason.isEmpty()) {
                report(reason);
            }
            closed.complete(null);
            closeLocal();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
            closeLocal();
        }

        private void closeLocal() {
            try {
                local.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        for (ServerSocket listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
