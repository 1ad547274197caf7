package dev.orc.reconciler.apiserver.http;

import dev.orc.api.spdy.SpdyEncoder;
import dev.orc.api.spdy.SpdyFrame;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes SPDY frames to the client's WebSocket, each a binary message, one at a time (Jetty refuses a send while one
 * is pending) and in the order encoded, as the shared header compression needs. A writer waits until its frame is
 * written, so a pod that sends faster than the client reads is held back; a client that takes longer than
 * {@link #SEND_TIMEOUT_SECONDS} for one frame is gone and the WebSocket is closed.
 */
final class SpdyFrameWriter {
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Session session;
    private final SpdyEncoder encoder = new SpdyEncoder();
    private boolean closed;

    SpdyFrameWriter(Session session) {
        this.session = session;
    }

    /** Whether the frame was written; false once the WebSocket is closed or failed. */
    synchronized boolean send(SpdyFrame frame) {
        if (closed || !session.isOpen()) {
            return false;
        }
        Callback.Completable sent = new Callback.Completable();
        session.sendBinary(encoder.encode(frame), sent);
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

    synchronized void close() {
        closed = true;
        encoder.close();
    }
}
