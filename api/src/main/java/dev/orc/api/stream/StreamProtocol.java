package dev.orc.api.stream;

import java.util.List;
import java.util.Optional;

/**
 * The WebSocket subprotocols orc speaks for exec, attach and port-forward. Both prefix every binary message with its
 * channel byte; v5 adds the {@link #CLOSE} channel by which a client ends one of its streams (stdin) without closing
 * the connection.
 */
public enum StreamProtocol {
    V5("v5.channel.k8s.io"),
    V4("v4.channel.k8s.io");

    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    /** The error channel: a metav1.Status once the command ended ({@link ExitStatus}). */
    public static final int ERROR = 3;
    /** Terminal size changes from the client ({@link TerminalSize}). */
    public static final int RESIZE = 4;
    /** v5 only: the payload's one byte names the client's channel that is finished. */
    public static final int CLOSE = 255;

    private final String header;

    StreamProtocol(String header) {
        this.header = header;
    }

    /** The name as sent in {@code Sec-WebSocket-Protocol}. */
    public String header() {
        return header;
    }

    /** The best protocol among the offered ones (each a header value, maybe comma-separated), newest first. */
    public static Optional<StreamProtocol> choose(List<String> offered) {
        List<String> names = offered.stream().flatMap(value -> List.of(value.split(",")).stream()).map(String::trim)
                .toList();
        for (StreamProtocol protocol : values()) {
            if (names.contains(protocol.header)) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }

    /** The protocol of this header name, if orc speaks it. */
    public static Optional<StreamProtocol> of(String header) {
        return header == null ? Optional.empty() : choose(List.of(header));
    }
}
