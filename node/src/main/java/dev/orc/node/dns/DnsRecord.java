package dev.orc.node.dns;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * One resource record. {@code data} is the record data in wire form with any names in it written out in full,
 * so a record can be copied from one message into another.
 */
public record DnsRecord(String name, int type, int dnsClass, long ttl, byte[] data) {
    public static final int A = 1;
    public static final int CNAME = 5;
    public static final int AAAA = 28;
    public static final int SRV = 33;
    public static final int ANY = 255;
    public static final int IN = 1;

    public static DnsRecord a(String name, String ipv4, long ttl) {
        String[] octets = ipv4.split("\\.");
        byte[] data = new byte[4];
        for (int i = 0; i < 4; i++) {
            data[i] = (byte) Integer.parseInt(octets[i]);
        }
        return new DnsRecord(name, A, IN, ttl, data);
    }

    public static DnsRecord cname(String name, String target, long ttl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DnsMessage.writeName(out, target);
        return new DnsRecord(name, CNAME, IN, ttl, out.toByteArray());
    }

    public static DnsRecord srv(String name, int priority, int weight, int port, String target, long ttl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DnsMessage.writeShort(out, priority);
        DnsMessage.writeShort(out, weight);
        DnsMessage.writeShort(out, port);
        DnsMessage.writeName(out, target);
        return new DnsRecord(name, SRV, IN, ttl, out.toByteArray());
    }

    /** The IPv4 address of an A record. */
    public String address() {
        return (data[0] & 255) + "." + (data[1] & 255) + "." + (data[2] & 255) + "." + (data[3] & 255);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DnsRecord r && r.name.equalsIgnoreCase(name) && r.type == type && r.dnsClass == dnsClass
                && r.ttl == ttl && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return name.toLowerCase(Locale.ROOT).hashCode() * 31 + type * 7 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return name + " " + ttl + " " + type + " " + (type == A ? address() : Arrays.toString(data));
    }
}
