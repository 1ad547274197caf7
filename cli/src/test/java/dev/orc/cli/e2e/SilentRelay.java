package dev.orc.cli.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay to {@code target} that can fall silent the way a network partition does: {@link #cut} stops
 * forwarding on every open connection without closing it (the bytes go nowhere, no FIN, no RST), and connections
 * accepted while cut are held open and never forwarded. {@link #heal} forwards new connections again; connections
 * cut earlier stay silent for ever, as those of a peer whose host vanished, so only a client that notices a dead
 * connection recovers.
 */
final class SilentRelay implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean cut;

    private SilentRelay(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
    }

    /** Listens on a free loopback port and relays to {@code target}'s host and port. */
    static SilentRelay to(URI target) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            SilentRelay relay = new SilentRelay(new InetSocketAddress(target.getHost(), target.getPort()), listener);
            Thread.ofPlatform().daemon().name("relay-accept").start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code server} with its port replaced by the relay's. */
    URI in(URI server) {
        return URI.create(server.getScheme() + "://127.0.0.1:" + listener.getLocalPort());
    }

    void cut() {
        cut = true;
        generation.incrementAndGet();
    }

    void heal() {
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (cut) {
                    continue;
                }
                connect(client);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Relays {@code client} to a new connection to the target; a target that refuses it closes {@code client}. */
    private void connect(Socket client) {
        try {
            Socket upstream = new Socket(target.getAddress(), target.getPort());
            sockets.add(upstream);
            long born = generation.get();
            Thread.ofPlatform().daemon().name("relay-up").start(() -> pump(client, upstream, born));
            Thread.ofPlatform().daemon().name("relay-down").start(() -> pump(upstream, client, born));
        } catch (IOException refused) {
            closeQuietly(client);
        }
    }

    /**
     * Copies {@code from} to {@code to} until either ends, or until the relay is cut after the pair was connected:
     * then it stops reading and leaves both sockets open.
     */
    private void pump(Socket from, Socket to, long born) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (generation.get() != born) {
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException connectionEnded) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(SilentRelay::closeQuietly);
    }
}
