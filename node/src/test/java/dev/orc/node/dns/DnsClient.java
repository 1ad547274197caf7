package dev.orc.node.dns;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A test's DNS client: one question over UDP, and readers for what the tests look at in the answer. */
public final class DnsClient {
    private static final int ID = 4242;

    private DnsClient() {
    }

    /** A recursive query with one question, as a stub resolver sends it. */
    public static Message query(int id, String name, int type) throws IOException {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        query.getHeader().setID(id);
        return query;
    }

    /** The reply of {@code server} to one question; it must be a response carrying the question's id. */
    public static Message ask(InetSocketAddress server, String name, int type) throws IOException {
        try (DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(10_000);
            byte[] query = query(ID, name, type).toWire();
            client.send(new DatagramPacket(query, query.length, server));
            DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
            client.receive(packet);
            Message reply = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
            assertThat(reply.getHeader().getID()).isEqualTo(ID);
            assertThat(reply.getHeader().getFlag(Flags.QR)).isTrue();
            return reply;
        }
    }

    /** The IPv4 addresses of {@code records}, which must all be A records. */
    public static List<String> addresses(List<Record> records) {
        return records.stream().map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    /** A record as a zone file line: {@code owner. ttl IN TYPE data}. */
    public static String line(Record record) {
        return record.toString().replace('\t', ' ');
    }
}
