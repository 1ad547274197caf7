package dev.orc.node.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A resolver stand-in on loopback: answers every A question with one fixed address and remembers the names asked. */
public final class StubUpstream implements AutoCloseable {
    public static final String ADDRESS = "192.0.2.7";
    private final DatagramSocket socket;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public StubUpstream() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    public List<String> asked() {
        return asked;
    }

    private void serve() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                DnsMessage query = DnsMessage.parse(packet.getData(), packet.getLength());
                DnsMessage.Question question = query.questions().get(0);
                asked.add(question.name());
                List<DnsRecord> answers = question.type() == DnsRecord.A ? List.of(DnsRecord.a(question.name(), ADDRESS, 60)) : List.of();
                byte[] reply = DnsMessage.response(query, DnsMessage.NOERROR, false, answers, List.of()).encode();
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException | DnsFormatException e) {
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
