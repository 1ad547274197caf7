package dev.orc.cli.stream;

/** One {@code [LOCAL:]REMOTE} of {@code orc port-forward}; local 0 picks a free port. */
public record PortMapping(int local, int remote) {

    /** {@code 8080:80}, {@code :80} (a free local port) or {@code 80} (the same port locally). */
    public static PortMapping parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            int port = port(text, text);
            return new PortMapping(port, port);
        }
        String local = text.substring(0, colon);
        return new PortMapping(local.isEmpty() ? 0 : port(local, text), port(text.substring(colon + 1), text));
    }

    private static int port(String part, String whole) {
        try {
            int port = Integer.parseInt(part);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole argument
        }
        throw new IllegalArgumentException("invalid port mapping \"" + whole + "\": use [LOCAL:]REMOTE with ports of 1 to"
                + " 65535, e.g. 8080:80");
    }
}
