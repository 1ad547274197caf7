package dev.orc.cli.stream;

import dev.orc.api.client.StreamConnector;
import dev.orc.api.stream.ChannelFrame;
import dev.orc.api.stream.ExitStatus;
import dev.orc.api.stream.MessageParts;
import dev.orc.api.stream.StreamProtocol;
import dev.orc.api.stream.TerminalSize;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command running in a pod (exec) or a container's process (attach), over {@code v5.channel.k8s.io} (or v4 when
 * the server speaks only that): output is written to the given streams as it arrives, input and terminal sizes are
 * sent, and {@link #await()} returns how it ended.
 */
public final class RemoteProcess implements WebSocket.Listener, AutoCloseable {
    private static final long CONNECT_TIMEOUT_SECONDS = 30;
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final OutputStream stdout;
    private final OutputStream stderr;
    private final MessageParts parts = new MessageParts();
    private final CompletableFuture<ExitStatus> ended = new CompletableFuture<>();
    private volatile ExitStatus status;
    private WebSocket socket;
    private StreamProtocol protocol;

    private RemoteProcess(OutputStream stdout, OutputStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Opens the stream at {@code pathAndQuery}.
     *
     * @throws IOException naming the server's answer when the handshake is refused
     */
    public static RemoteProcess open(StreamConnector connector, String pathAndQuery, OutputStream stdout,
                                     OutputStream stderr) throws IOException, InterruptedException {
        RemoteProcess process = new RemoteProcess(stdout, stderr);
        try {
            process.socket = connector.open(pathAndQuery, java.util.List.of(StreamProtocol.V5.header(),
                    StreamProtocol.V4.header()), process).get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(refusal(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the server did not open the stream within " + CONNECT_TIMEOUT_SECONDS + "s");
        }
        process.protocol = StreamProtocol.of(process.socket.getSubprotocol()).orElse(StreamProtocol.V4);
        return process;
    }

    /** A refused handshake as a person reads it. */
    static String refusal(Throwable failure) {
        if (failure instanceof WebSocketHandshakeException handshake) {
            int code = handshake.getResponse().statusCode();
            Object body = handshake.getResponse().body();
            String detail = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    : body instanceof String text ? text : "";
            return "the server refused the stream (" + code + (code == 403 ? " Forbidden" : code == 404 ? " Not Found"
                    : "") + ")" + (detail.isBlank() ? "" : ": " + detail.strip());
        }
        return "cannot open the stream: " + failure.getMessage();
    }

    /** Sends input to the process. */
    public void write(byte[] data, int offset, int length) throws IOException {
        send(ChannelFrame.of(StreamProtocol.STDIN, data, offset, length));
    }

    /** The end of input: v5 tells the process; v4 cannot, the process reads on until it ends by itself. */
    public void closeStdin() throws IOException {
        if (protocol == StreamProtocol.V5) {
            send(new ChannelFrame(StreamProtocol.CLOSE, new byte[]{StreamProtocol.STDIN}));
        }
    }

    public void resize(TerminalSize size) throws IOException {
        send(new ChannelFrame(StreamProtocol.RESIZE, size.toJson()));
    }

    private synchronized void send(ChannelFrame frame) throws IOException {
        if (ended.isDone()) {
            return;
        }
        try {
            socket.sendBinary(frame.encode(), true).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while sending");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot send to the server: " + e.getMessage(), e);
        }
    }

    /** Waits until the server closes the stream: the exit status it sent, else a failure saying it never came. */
    public ExitStatus await() throws InterruptedException {
        try {
            return ended.get();
        } catch (ExecutionException e) {
            return ExitStatus.failed("the stream failed: " + e.getCause().getMessage());
        }
    }

    /** The status received so far, if any. */
    public Optional<ExitStatus> status() {
        return Optional.ofNullable(status);
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
            try {
                switch (frame.channel()) {
                    case StreamProtocol.STDOUT -> write(stdout, frame.payload());
                    case StreamProtocol.STDERR -> write(stderr, frame.payload());
                    case StreamProtocol.ERROR -> status = ExitStatus.parse(frame.payload());
                    default -> {
                    }
                }
            } catch (IOException e) {
                ended.completeExceptionally(e);
                webSocket.abort();
                return null;
            }
        }
        webSocket.request(1);
        return null;
    }

    private static void write(OutputStream out, byte[] payload) throws IOException {
        out.write(payload);
        out.flush();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended.complete(status != null ? status : ExitStatus.failed(reason == null || reason.isEmpty()
                ? "the server closed the stream before the command ended" : reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }
}
