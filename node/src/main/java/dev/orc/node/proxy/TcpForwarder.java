package dev.orc.node.proxy;

import dev.orc.node.net.ServeLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards TCP connections to a frontend's backends. Accepting and each direction of each connection run on
 * virtual threads, so an idle connection holds no platform thread. A connect that fails, or that reached a backend
 * which left the frontend meanwhile, moves on to the next backend. A backend that leaves is drained, as kube-proxy
 * does: it gets no new connection, and the ones it has run to their end (a pod shutting down closes them itself),
 * so a request in flight when its pod stops being ready or starts terminating is not cut.
 */
final class TcpForwarder implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(TcpForwarder.class);
    private static final int BUFFER = 32 * 1024;

    private final ServerSocket server;
    private final Balancer balancer;
    private final Duration connectTimeout;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final String name;
    private volatile boolean closed;

    private TcpForwarder(ServerSocket server, Frontend frontend, Duration connectTimeout, InstantSource clock) {
        this.server = server;
        this.name = frontend.service() + " at " + frontend.listen();
        this.balancer = new Balancer(frontend.backends(), frontend.affinity(), clock);
        this.connectTimeout = connectTimeout;
    }

    static TcpForwarder open(Frontend frontend, Duration connectTimeout, InstantSource clock) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(frontend.listen().host()), frontend.listen().port()), 512);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        TcpForwarder forwarder = new TcpForwarder(server, frontend, connectTimeout, clock);
        Thread.ofVirtual().name("proxy-accept-" + frontend.listen()).start(forwarder::acceptLoop);
        return forwarder;
    }

    @Override
    public void update(Frontend frontend) {
        balancer.update(frontend.backends(), frontend.affinity());
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            LOG.debug("{}: closing the listening socket failed", name);
        }
        connections.forEach(Connection::close);
    }

    private void acceptLoop() {
        ServeLoop.run(name + ": accept", LOG, () -> closed || server.isClosed(), () -> {
            Socket client = server.accept();
            Thread.ofVirtual().name("proxy-conn").start(() -> serve(client));
        });
    }

    private void serve(Socket client) {
        String clientIp = client.getInetAddress().getHostAddress();
        for (Backend backend : balancer.candidates(clientIp)) {
            Socket upstream = new Socket();
            try {
                upstream.setTcpNoDelay(true);
                upstream.connect(backend.address(), (int) connectTimeout.toMillis());
            } catch (IOException refused) {
                LOG.debug("{}: connect to {} failed ({}), trying the next endpoint", name, backend, refused.getMessage());
                closeQuietly(upstream);
                continue;
            }
            if (!balancer.backends().contains(backend)) {
                LOG.debug("{}: {} left while connecting, trying the next endpoint", name, backend);
                closeQuietly(upstream);
                continue;
            }
            balancer.chosen(clientIp, backend);
            Connection connection = new Connection(client, upstream);
            connections.add(connection);
            if (closed) {
                connection.close();
            }
            connection.run();
            connections.remove(connection);
            return;
        }
        closeQuietly(client);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            LOG.trace("close failed", ignored);
        }
    }

    /** One client connection joined to one backend: two pumps, each half-closing its side at end of stream. */
    private static final class Connection {
        private final Socket client;
        private final Socket upstream;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void run() {
            try {
                client.setTcpNoDelay(true);
            } catch (IOException ignored) {
                LOG.trace("TCP_NODELAY not set", ignored);
            }
            Thread back = Thread.ofVirtual().name("proxy-pump").start(() -> pump(upstream, client));
            pump(client, upstream);
            try {
                back.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException broken) {
                close();
            }
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }
}
