package dev.orc.cli.e2e;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;
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
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                asked.add(question.getName().toString(true));
                byte[] reply = reply(query, question).toWire();
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private static Message reply(Message query, Record question) throws IOException {
        Message reply = new Message(query.getHeader().getID());
        reply.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            reply.getHeader().setFlag(Flags.RD);
        }
        reply.getHeader().setFlag(Flags.RA);
        reply.addRecord(question, Section.QUESTION);
        if (question.getType() == Type.A) {
            reply.addRecord(new ARecord(question.getName(), DClass.IN, 30, InetAddress.getByName(ADDRESS)), Section.ANSWER);
        }
        return reply;
    }

    @Override
    public void close() {
        socket.close();
    }
}
