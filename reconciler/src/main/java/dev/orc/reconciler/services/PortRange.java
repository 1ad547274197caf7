package dev.orc.reconciler.services;

/** The node ports services may use, {@code 30000-32767} unless configured. */
public record PortRange(int first, int last) {
    public static final PortRange DEFAULT = new PortRange(30000, 32767);

    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("invalid node port range " + first + "-" + last + ": expected 1 <= first <= last <= 65535");
        }
    }

    /** Parses {@code 30000-32767}. */
    public static PortRange parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("-", -1);
        try {
            if (parts.length == 2) {
                return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException ignored) {
            // reported below with the whole value
        }
        throw new IllegalArgumentException("invalid node port range \"" + text + "\": expected FIRST-LAST like 30000-32767");
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
