package dev.orc.api.stream;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The port-forward protocol over WebSocket: the query names the ports ({@code ports}, repeated or comma-separated);
 * port number i gets the data channel 2i and the error channel 2i+1; the first message the server sends on each
 * channel is the channel byte and the port as two bytes, little-endian. Every later message is the channel byte and
 * data, in both directions.
 */
public final class PortForwardFrames {
    private PortForwardFrames() {
    }

    /** The ports of a query, each 1 to 65535; none, or anything else, is an error naming the parameter. */
    public static List<Integer> ports(Map<String, List<String>> query) {
        List<Integer> ports = new ArrayList<>();
        for (String value : query.getOrDefault("ports", List.of())) {
            for (String part : value.split(",")) {
                ports.add(port(part.trim()));
            }
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("query parameter \"ports\" is required: the pod's ports to forward to");
        }
        return List.copyOf(ports);
    }

    private static int port(String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query parameter \"ports\" must hold port numbers, not \"" + text + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("query parameter \"ports\" must hold ports of 1 to 65535, not " + port);
        }
        return port;
    }

    public static int dataChannel(int index) {
        return 2 * index;
    }

    public static int errorChannel(int index) {
        return 2 * index + 1;
    }

    /** The first message of a channel: which port it belongs to. */
    public static ChannelFrame portPrefix(int channel, int port) {
        return new ChannelFrame(channel, new byte[]{(byte) (port & 0xff), (byte) ((port >> 8) & 0xff)});
    }

    /** The port a channel's first message names. */
    public static int portOf(ChannelFrame first) {
        byte[] payload = first.payload();
        if (payload.length != 2) {
            throw new IllegalArgumentException("the first message of channel " + first.channel()
                    + " must carry its port in 2 bytes, not " + payload.length);
        }
        return (payload[0] & 0xff) | (payload[1] & 0xff) << 8;
    }

    /** The query that asks for these ports, with a leading {@code ?}. */
    public static String query(List<Integer> ports) {
        StringBuilder query = new StringBuilder();
        for (int port : ports) {
            query.append(query.isEmpty() ? '?' : '&').append("ports=")
                    .append(URLEncoder.encode(Integer.toString(port), StandardCharsets.UTF_8));
        }
        return query.toString();
    }
}
