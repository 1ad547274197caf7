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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay to {@code target} that fails the two ways networks fail a client:
 * <ul>
 * <li>silently, as a network partition does: {@link #cut} stops forwarding on every open connection without closing
 * it (the bytes go nowhere, no FIN, no RST), and connections accepted while cut are held open and never forwarded.
 * {@link #heal} forwards new connections again; connections cut earlier stay silent for ever, as those of a peer
 * whose host vanished, so only a client that notices a dead connection recovers;</li>
 * <li>loudly, as a browser's connections end when this machine's addresses change (Chromium's
 * {@code ERR_NETWORK_CHANGED}): {@link #drop} closes every open connection at once, and while {@link #refuse
 * refusing}, a new connection is closed as soon as it is accepted. The client learns at once.</li>
 * </ul>
 */
final class FaultyRelay implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    /** Moves on at every cut; a pair connected before it stops forwarding. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean cut;
    private volatile boolean refusing;
    private final AtomicInteger toRefuse = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private FaultyRelay(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
    }

    /** Listens on a free loopback port and relays to {@code target}'s host and port. */
    static FaultyRelay to(URI target) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultyRelay relay = new FaultyRelay(new InetSocketAddress(target.getHost(), target.getPort()), listener);
            Thread.ofPlatform().daemon().name("relay-accept").start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code server}'s scheme on the relay's address. */
    URI in(URI server) {
        return URI.create(server.getScheme() + "://127.0.0.1:" + listener.getLocalPort());
    }

    /** Falls silent: open connections stop forwarding and stay open, new ones are held open unforwarded. */
    void cut() {
        cut = true;
        generation.incrementAndGet();
    }

    /** Forwards new connections again; those cut stay silent. */
    void heal() {
        cut = false;
    }

    /** Closes every connection open now, both sides; answers how many client connections that was. */
    int drop() {
        List<Socket> open = List.copyOf(sockets);
        sockets.removeAll(open);
        open.forEach(FaultyRelay::closeQuietly);
        return (int) open.stream().filter(socket -> socket.getLocalPort() == listener.getLocalPort()).count();
    }

    /** From now on, closes each new connection as soon as it is accepted ({@code true}), or relays it again. */
    void refuse(boolean value) {
        refusing = value;
    }

    /** Closes the next {@code connections} new connections as soon as they are accepted, then relays again. */
    void refuseNext(int connections) {
        toRefuse.set(connections);
    }

    /** How many connections were closed on arrival so far. */
    int refused() {
        return refused.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing || toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                sockets.add(client);
                if (!cut) {
                    connect(client);
                }
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
            sockets.remove(client);
            closeQuietly(client);
        }
    }

    /**
     * Copies {@code from} to {@code to} until either ends, then closes both; once the relay was cut after the pair
     * was connected, it stops reading instead and leaves both open.
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
        } catch (IOException connectionEnded) {
            // dropped, or closed by either end: both sides go below
        }
        sockets.remove(from);
        sockets.remove(to);
        closeQuietly(from);
        closeQuietly(to);
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
        List.copyOf(sockets).forEach(FaultyRelay::closeQuietly);
    }
}
