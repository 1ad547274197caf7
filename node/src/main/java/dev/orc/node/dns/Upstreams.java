package dev.orc.node.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The resolvers names outside the cluster go to: tried in order, each given {@code timeout} to answer over UDP. */
final class Upstreams {
    private final List<InetSocketAddress> servers;
    private final Duration timeout;

    Upstreams(List<InetSocketAddress> servers, Duration timeout) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
    }

    /** The first upstream's reply to {@code query} (raw bytes, same id), or empty when none answered. */
    Optional<byte[]> ask(byte[] query) {
        int id = ((query[0] & 255) << 8) | (query[1] & 255);
        for (InetSocketAddress server : servers) {
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout((int) timeout.toMillis());
                socket.connect(server);
                socket.send(new DatagramPacket(query, query.length));
                long deadline = System.nanoTime() + timeout.toNanos();
                byte[] buffer = new byte[65535];
                while (System.nanoTime() < deadline) {
                    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                    socket.receive(reply);
                    if (reply.getLength() >= 12 && (((buffer[0] & 255) << 8) | (buffer[1] & 255)) == id) {
                        return Optional.of(Arrays.copyOf(buffer, reply.getLength()));
                    }
                }
            } catch (IOException silentOrUnreachable) {
                continue;
            }
        }
        return Optional.empty();
    }
}
