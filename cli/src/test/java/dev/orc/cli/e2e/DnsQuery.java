package dev.orc.cli.e2e;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** One DNS question over UDP to the node's cluster DNS server, and readers for the record data the tests look at. */
final class DnsQuery {
    private DnsQuery() {
    }

    static Message ask(InetSocketAddress server, String name, int type) {
        int id = ThreadLocalRandom.current().nextInt(1, 65535);
        try (DatagramSocket socket = new DatagramSocket()) {
            Message question = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
            question.getHeader().setID(id);
            byte[] query = question.toWire();
            socket.setSoTimeout(5000);
            socket.connect(server);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            Message answer = new Message(Arrays.copyOf(buffer, reply.getLength()));
            if (answer.getHeader().getID() != id) {
                throw new AssertionError("DNS answer from " + server + " has id " + answer.getHeader().getID() + ", asked with " + id);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("asking " + server + " for " + name + " (type " + type + ")", e);
        }
    }

    /** The records of {@code type} among the answers. */
    static List<Record> answers(Message message, int type) {
        return message.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
    }

    /** The owner name of a record, without its final dot. */
    static String owner(Record record) {
        return record.getName().toString(true);
    }

    /** The IPv4 address of an A record. */
    static String address(Record a) {
        return ((ARecord) a).getAddress().getHostAddress();
    }

    /** The target of a CNAME record, without its final dot. */
    static String cnameTarget(Record cname) {
        return ((CNAMERecord) cname).getTarget().toString(true);
    }

    /** The port of an SRV record. */
    static int srvPort(Record srv) {
        return ((SRVRecord) srv).getPort();
    }
}
