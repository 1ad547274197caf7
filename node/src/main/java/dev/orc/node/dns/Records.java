package dev.orc.node.dns;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/** The records the cluster zone answers with, made from the plain strings of Services and Endpoints. */
final class Records {
    private Records() {
    }

    /** {@code name} as an absolute name, with or without its final dot. */
    static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("invalid DNS name \"" + name + "\": " + e.getMessage(), e);
        }
    }

    static ARecord a(String owner, String ipv4, long ttl) {
        byte[] address = Address.toByteArray(ipv4, Address.IPv4);
        if (address == null) {
            throw new IllegalArgumentException("not an IPv4 address: \"" + ipv4 + "\"");
        }
        return new ARecord(name(owner), DClass.IN, ttl, address);
    }

    static CNAMERecord cname(String owner, String target, long ttl) {
        return new CNAMERecord(name(owner), DClass.IN, ttl, name(target));
    }

    static SRVRecord srv(String owner, int priority, int weight, int port, String target, long ttl) {
        return new SRVRecord(name(owner), DClass.IN, ttl, priority, weight, port, name(target));
    }
}
