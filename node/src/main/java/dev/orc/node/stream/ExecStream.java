package dev.orc.node.stream;

import dev.orc.api.stream.ChannelFrame;
import dev.orc.api.stream.ExecOptions;
import dev.orc.api.stream.ExitStatus;
import dev.orc.api.stream.StreamProtocol;
import dev.orc.api.stream.TerminalSize;
import dev.orc.node.runtime.AttachedProcess;
import dev.orc.node.runtime.ProcessOutput;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One exec or attach over a channel protocol: the process starts when the WebSocket opens; its output goes out on the
 * stdout and stderr channels, the client's stdin and resize channels (and v5's close of stdin) go to it; when its
 * output ends, the exit status goes out on the error channel and the WebSocket closes.
 *
 * <p>Public only because Jetty calls a listener's methods through method handles, which need a public class.
 */
public final class ExecStream implements Session.Listener.AutoDemanding {
    private static final long START_TIMEOUT_SECONDS = 60;

    private final StreamProtocol protocol;
    private final ExecOptions options;
    private final Function<ProcessOutput, AttachedProcess> start;
    private final CompletableFuture<AttachedProcess> process = new CompletableFuture<>();
    private FrameSender sender;

    ExecStream(StreamProtocol protocol, ExecOptions options, Function<ProcessOutput, AttachedProcess> start) {
        this.protocol = protocol;
        this.options = options;
        this.start = start;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        sender = new FrameSender(session);
        Thread.ofVirtual().name("orc-exec").start(this::run);
    }

    private void run() {
        AttachedProcess started;
        try {
            started = start.apply(this::output);
        } catch (RuntimeException e) {
            process.completeExceptionally(e);
            finish(ExitStatus.failed(e.getMessage()));
            return;
        }
        process.complete(started);
        try {
            int exitCode = started.awaitExit();
            finish(exitCode < 0 ? ExitStatus.exited(0) : ExitStatus.exited(exitCode));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(ExitStatus.failed("the agent stopped while the command ran"));
        } catch (RuntimeException e) {
            finish(ExitStatus.failed(e.getMessage()));
        }
    }

    private void output(boolean stderr, byte[] bytes) {
        if (stderr ? options.stderr() : options.stdout()) {
            sender.send(new ChannelFrame(stderr ? StreamProtocol.STDERR : StreamProtocol.STDOUT, bytes));
        } else if (stderr && options.tty()) {
            sender.send(new ChannelFrame(StreamProtocol.STDOUT, bytes));
        }
    }

    private void finish(ExitStatus status) {
        sender.send(new ChannelFrame(StreamProtocol.ERROR, status.toJson()));
        sender.close(1000, "");
    }

    @Override
    public void onWebSocketBinary(ByteBuffer message, Callback callback) {
        try {
            handle(ChannelFrame.decode(message));
            callback.succeed();
        } catch (IllegalArgumentException | IOException e) {
            callback.fail(e);
        }
    }

    private void handle(ChannelFrame frame) throws IOException {
        AttachedProcess running = running();
        if (running == null) {
            return;
        }
        switch (frame.channel()) {
            case StreamProtocol.STDIN -> running.stdin().write(frame.payload());
            case StreamProtocol.RESIZE -> {
                TerminalSize size = TerminalSize.parse(frame.payload());
                running.resize(size.width(), size.height());
            }
            case StreamProtocol.CLOSE -> {
                byte[] closed = frame.payload();
                if (protocol == StreamProtocol.V5 && closed.length == 1 && closed[0] == StreamProtocol.STDIN) {
                    running.stdin().close();
                }
            }
            default -> throw new IllegalArgumentException("a client may not send on channel " + frame.channel());
        }
    }

    /** The process once started; null if it could not start (the client got the error already). */
    private AttachedProcess running() throws IOException {
        try {
            return process.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the process started");
        } catch (ExecutionException e) {
            return null;
        } catch (TimeoutException e) {
            throw new IOException("the process did not start within " + START_TIMEOUT_SECONDS + "s");
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        process.thenAccept(AttachedProcess::close);
    }
}
