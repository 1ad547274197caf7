package dev.orc.reconciler.services;

import java.util.Optional;

/**
 * The IPv4 range cluster IPs come from, like {@code 10.96.0.0/16}. Dynamic allocation hands out every address
 * but the network and broadcast addresses and the first host address ({@code 10.96.0.1}), which is kept for
 * the API's own {@code kubernetes} service as Kubernetes keeps it; that one may still be requested by name.
 */
public record ServiceCidr(long network, int prefixLength) {
    public static final ServiceCidr DEFAULT = parse("10.96.0.0/16");

    public ServiceCidr {
        if (prefixLength < 8 || prefixLength > 30) {
            throw new IllegalArgumentException("service CIDR prefix length must be between 8 and 30, got " + prefixLength);
        }
    }

    /** Parses {@code a.b.c.d/n}; host bits must be zero. */
    public static ServiceCidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid service CIDR \"" + text + "\": expected an IPv4 range like 10.96.0.0/16");
        }
        long address = parseIp(text.substring(0, slash)).orElseThrow(() -> new IllegalArgumentException(
                "invalid service CIDR \"" + text + "\": expected an IPv4 range like 10.96.0.0/16"));
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid service CIDR \"" + text + "\": the prefix length must be a number");
        }
        ServiceCidr cidr = new ServiceCidr(address, length);
        if ((address & ~cidr.mask()) != 0) {
            throw new IllegalArgumentException("invalid service CIDR \"" + text + "\": host bits are set (did you mean "
                    + format(address & cidr.mask()) + "/" + length + "?)");
        }
        return cidr;
    }

    /** The address as a number, when {@code text} is a dotted IPv4 address. */
    public static Optional<Long> parseIp(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    public static String format(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    public boolean contains(long address) {
        return (address & mask()) == network && address != network && address != broadcast();
    }

    /** How many addresses dynamic allocation may hand out. */
    public long dynamicSize() {
        return (1L << (32 - prefixLength)) - 3;
    }

    /** The {@code index}-th dynamically allocatable address, {@code 0 <= index < dynamicSize()}. */
    public String dynamicAt(long index) {
        return format(network + 2 + index);
    }

    /** The address kept for the {@code kubernetes} service: the first host address. */
    public String reserved() {
        return format(network + 1);
    }

    private long mask() {
        return (0xFFFFFFFFL << (32 - prefixLength)) & 0xFFFFFFFFL;
    }

    private long broadcast() {
        return network | (~mask() & 0xFFFFFFFFL);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
