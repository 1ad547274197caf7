package dev.orc.cli.e2e;

import dev.orc.node.dns.DnsFormatException;
import dev.orc.node.dns.DnsMessage;
import dev.orc.node.dns.DnsRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** One DNS question over UDP to the node's cluster DNS server, and readers for the record data the tests look at. */
final class DnsQuery {
    private DnsQuery() {
    }

    static DnsMessage ask(InetSocketAddress server, String name, int type) {
        int id = ThreadLocalRandom.current().nextInt(1, 65535);
        byte[] query = DnsMessage.query(id, name, type).encode();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            socket.connect(server);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            DnsMessage answer = DnsMessage.parse(buffer, reply.getLength());
            if (answer.id() != id) {
                throw new AssertionError("DNS answer from " + server + " has id " + answer.id() + ", asked with " + id);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("asking " + server + " for " + name + " (type " + type + ")", e);
        } catch (DnsFormatException e) {
            throw new AssertionError("unreadable DNS answer from " + server + " for " + name + ": " + e.getMessage(), e);
        }
    }

    /** The records of {@code type} among the answers. */
    static List<DnsRecord> answers(DnsMessage message, int type) {
        return message.answers().stream().filter(r -> r.type() == type).toList();
    }

    /** The target of a CNAME record. */
    static String cnameTarget(DnsRecord cname) {
        return name(cname.data(), 0);
    }

    /** The port of an SRV record. */
    static int srvPort(DnsRecord srv) {
        byte[] data = srv.data();
        return ((data[4] & 255) << 8) | (data[5] & 255);
    }

    /** A name written out in full (length-prefixed labels, no compression), as {@link DnsRecord} keeps them. */
    private static String name(byte[] data, int offset) {
        List<String> labels = new ArrayList<>();
        int at = offset;
        while (at < data.length && data[at] != 0) {
            int length = data[at] & 255;
            labels.add(new String(data, at + 1, length, java.nio.charset.StandardCharsets.US_ASCII));
            at += length + 1;
        }
        return String.join(".", labels);
    }
}
