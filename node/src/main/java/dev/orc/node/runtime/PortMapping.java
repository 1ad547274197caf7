package dev.orc.node.runtime;

import java.util.Locale;
import java.util.Objects;

/**
 * A container port published on the host: {@code hostIp:hostPort -> containerPort/protocol}.
 * A hostPort of 0 asks the runtime to allocate a free port; inspect reports the one it chose.
 * An empty hostIp means all addresses.
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, Protocol protocol) {

    public enum Protocol {
        TCP, UDP, SCTP;

        public String lowerCase() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Protocol parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("protocol must be TCP, UDP or SCTP, got '" + value + "'", e);
            }
        }
    }

    public PortMapping {
        hostIp = hostIp == null ? "" : hostIp;
        Objects.requireNonNull(protocol, "protocol");
        checkPort("hostPort", hostPort, 0);
        checkPort("containerPort", containerPort, 1);
    }

    public static PortMapping tcp(String hostIp, int hostPort, int containerPort) {
        return new PortMapping(hostIp, hostPort, containerPort, Protocol.TCP);
    }

    private static void checkPort(String field, int port, int min) {
        if (port < min || port > 65535) {
            throw new IllegalArgumentException(field + " must be between " + min + " and 65535, got " + port);
        }
    }

    @Override
    public String toString() {
        return hostIp + ":" + hostPort + "->" + containerPort + "/" + protocol.lowerCase();
    }
}
