package dev.orc.node.proxy;

import dev.orc.node.net.ServeLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards UDP datagrams: each client address gets a session, a socket connected to one backend whose replies
 * go back to the client from the service address. A session ends after {@code idleTimeout} without replies, or
 * when its backend leaves the frontend. Virtual threads throughout.
 */
final class UdpForwarder implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(UdpForwarder.class);
    private static final int MAX_DATAGRAM = 65535;

    private final DatagramSocket socket;
    private final Balancer balancer;
    private final Duration idleTimeout;
    private final Map<SocketAddress, Session> sessions = new ConcurrentHashMap<>();
    private final String name;
    private volatile boolean closed;

    private UdpForwarder(DatagramSocket socket, Frontend frontend, Duration idleTimeout, InstantSource clock) {
        this.socket = socket;
        this.name = frontend.service() + " at " + frontend.listen();
        this.balancer = new Balancer(frontend.backends(), frontend.affinity(), clock);
        this.idleTimeout = idleTimeout;
    }

    static UdpForwarder open(Frontend frontend, Duration idleTimeout, InstantSource clock) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(frontend.listen().host()), frontend.listen().port()));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        UdpForwarder forwarder = new UdpForwarder(socket, frontend, idleTimeout, clock);
        Thread.ofVirtual().name("proxy-udp-" + frontend.listen()).start(forwarder::receiveLoop);
        return forwarder;
    }

    @Override
    public void update(Frontend frontend) {
        balancer.update(frontend.backends(), frontend.affinity());
        Set<Backend> ready = new HashSet<>(frontend.backends());
        sessions.values().stream().filter(s -> !ready.contains(s.backend)).forEach(Session::close);
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        sessions.values().forEach(Session::close);
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        ServeLoop.run(name + ": receive", LOG, () -> closed || socket.isClosed(), () -> {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            forward(packet);
        });
    }

    private void forward(DatagramPacket packet) {
        SocketAddress client = packet.getSocketAddress();
        Session session = sessions.get(client);
        if (session == null || session.closed) {
            session = openSession(packet.getAddress().getHostAddress(), client);
            if (session == null) {
                return;
            }
        }
        session.send(packet.getData(), packet.getOffset(), packet.getLength());
    }

    private Session openSession(String clientIp, SocketAddress client) {
        for (Backend backend : balancer.candidates(clientIp)) {
            try {
                DatagramSocket upstream = new DatagramSocket();
                upstream.connect(backend.address());
                upstream.setSoTimeout((int) idleTimeout.toMillis());
                balancer.chosen(clientIp, backend);
                Session session = new Session(client, upstream, backend);
                sessions.put(client, session);
                Thread.ofVirtual().name("proxy-udp-session").start(session::relayReplies);
                return session;
            } catch (IOException e) {
                LOG.debug("{}: no session to {}: {}", name, backend, e.getMessage());
            }
        }
        return null;
    }

    private final class Session {
        private final SocketAddress client;
        private final DatagramSocket upstream;
        private final Backend backend;
        private volatile boolean closed;

        Session(SocketAddress client, DatagramSocket upstream, Backend backend) {
            this.client = client;
            this.upstream = upstream;
            this.backend = backend;
        }

        void send(byte[] data, int offset, int length) {
            try {
                upstream.send(new DatagramPacket(data, offset, length));
            } catch (IOException e) {
                LOG.debug("{}: send to {} failed: {}", name, backend, e.getMessage());
                close();
            }
        }

        void relayReplies() {
            byte[] buffer = new byte[MAX_DATAGRAM];
            while (!closed) {
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    upstream.receive(reply);
                    socket.send(new DatagramPacket(reply.getData(), reply.getOffset(), reply.getLength(), client));
                } catch (IOException idleOrGone) {
                    break;
                }
            }
            close();
        }

        void close() {
            closed = true;
            sessions.remove(client, this);
            upstream.close();
        }
    }
}
