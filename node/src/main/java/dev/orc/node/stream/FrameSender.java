package dev.orc.node.stream;

import dev.orc.api.stream.ChannelFrame;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends frames on a WebSocket one at a time (Jetty refuses a send while one is pending), each waiting until written:
 * a process that writes faster than the client reads is held back. A client that takes longer than
 * {@link #SEND_TIMEOUT_SECONDS} for one frame is gone, and the session is closed.
 */
final class FrameSender {
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Session session;

    FrameSender(Session session) {
        this.session = session;
    }

    /** Whether the frame was written; false once the session is closed or failed. */
    synchronized boolean send(ChannelFrame frame) {
        if (!session.isOpen()) {
            return false;
        }
        Callback.Completable sent = new Callback.Completable();
        session.sendBinary(frame.encode(), sent);
        try {
            sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            session.close(1011, "cannot send to the client", Callback.NOOP);
            return false;
        }
    }

    void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }
}
