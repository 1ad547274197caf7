package dev.orc.node.dns;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A resolver stand-in on loopback: answers every A question with one fixed address and remembers the names asked.
 * Its replies compress names, as real resolvers' do.
 */
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

    /** The names asked, without their final dot. */
    public List<String> asked() {
        return asked;
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
                List<Record> answers = question.getType() == Type.A
                        ? List.of(new ARecord(question.getName(), DClass.IN, 60, InetAddress.getByName(ADDRESS))) : List.of();
                byte[] reply = Replies.to(query, Rcode.NOERROR, false, answers, List.of()).toWire();
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
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
