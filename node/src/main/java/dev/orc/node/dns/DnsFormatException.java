package dev.orc.node.dns;

/** A DNS message that cannot be read: truncated, a name pointer loop, a label too long. */
public class DnsFormatException extends Exception {
    public DnsFormatException(String message) {
        super(message);
    }
}
