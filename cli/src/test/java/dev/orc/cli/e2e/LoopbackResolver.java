package dev.orc.cli.e2e;

import dev.orc.node.dns.DnsFormatException;
import dev.orc.node.dns.DnsMessage;
import dev.orc.node.dns.DnsRecord;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The upstream resolver of the node under test, on loopback so that no query leaves this machine: it answers
 * every A question with {@link #ADDRESS} and remembers the names it was asked.
 */
final class LoopbackResolver implements AutoCloseable {
    /** An address of TEST-NET-1 (RFC 5737): never a real host. */
    static final String ADDRESS = "192.0.2.44";

    private final DatagramSocket socket;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    private LoopbackResolver(DatagramSocket socket) {
        this.socket = socket;
    }

    static LoopbackResolver start() throws IOException {
        LoopbackResolver resolver = new LoopbackResolver(new DatagramSocket(0, InetAddress.getLoopbackAddress()));
        Thread.ofVirtual().name("loopback-resolver").start(resolver::serve);
        return resolver;
    }

    /** {@code 127.0.0.1:PORT}, as {@code orc node --dns-upstream} takes it. */
    String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    List<String> asked() {
        return List.copyOf(asked);
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                DnsMessage query = DnsMessage.parse(packet.getData(), packet.getLength());
                DnsMessage.Question question = query.questions().getFirst();
                asked.add(question.name());
                List<DnsRecord> answers = question.type() == DnsRecord.A
                        ? List.of(DnsRecord.a(question.name(), ADDRESS, 30)) : List.of();
                byte[] reply = DnsMessage.response(query, DnsMessage.NOERROR, false, answers, List.of()).encode();
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException | DnsFormatException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
