package dev.orc.node.ingress;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * What a client's connection becomes once the backend switched protocols (WebSocket): bytes copied both ways
 * between the client's Jetty end point and the backend's socket until either end closes. Client to backend runs
 * on Jetty's fill callbacks (a write to the backend's socket blocks that callback's thread until the kernel takes
 * the bytes); backend to client on a virtual thread of its own, which first sends what the backend wrote right
 * after its 101. Bytes the client sent before the upgrade completed reach the backend first.
 */
final class TunnelConnection extends AbstractConnection implements Connection.UpgradeTo {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelConnection.class);
    private static final int BUFFER = 16 * 1024;

    private final Socket backend;
    private final ByteBuffer fromBackend;
    private final ByteBuffer toBackend = BufferUtil.allocate(BUFFER);

    /** {@code fromBackend}: what the backend sent after its response head, in flush mode. */
    TunnelConnection(EndPoint client, Executor executor, Socket backend, ByteBuffer fromBackend) {
        super(client, executor);
        this.backend = backend;
        this.fromBackend = fromBackend;
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffered) {
        if (BufferUtil.hasContent(buffered)) {
            BufferUtil.append(toBackend, buffered);
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        Thread.ofVirtual().name("ingress-tunnel").start(this::backendToClient);
        if (BufferUtil.hasContent(toBackend) && !send(toBackend)) {
            return;
        }
        fillInterested();
    }

    @Override
    public void onFillable() {
        try {
            while (true) {
                int filled = getEndPoint().fill(toBackend);
                if (filled > 0) {
                    if (!send(toBackend)) {
                        return;
                    }
                } else if (filled == 0) {
                    fillInterested();
                    return;
                } else {
                    backend.shutdownOutput();
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("client side of a tunnel failed", e);
            close();
        }
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        try {
            backend.close();
        } catch (IOException e) {
            LOG.debug("closing a tunnel's backend socket failed", e);
        }
    }

    /** Writes and empties {@code buffer} to the backend; false (and the tunnel closed) when that failed. */
    private boolean send(ByteBuffer buffer) {
        try {
            OutputStream out = backend.getOutputStream();
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            out.flush();
            BufferUtil.clear(buffer);
            return true;
        } catch (IOException e) {
            LOG.debug("backend side of a tunnel failed", e);
            close();
            return false;
        }
    }

    private void backendToClient() {
        try {
            if (BufferUtil.hasContent(fromBackend)) {
                write(fromBackend);
            }
            InputStream in = backend.getInputStream();
            byte[] bytes = new byte[BUFFER];
            int n;
            while ((n = in.read(bytes)) >= 0) {
                write(ByteBuffer.wrap(bytes, 0, n));
            }
        } catch (IOException | ExecutionException e) {
            LOG.debug("a tunnel ended", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private void write(ByteBuffer buffer) throws ExecutionException, InterruptedException {
        Callback.Completable written = new Callback.Completable();
        getEndPoint().write(written, buffer);
        written.get();
    }
}
