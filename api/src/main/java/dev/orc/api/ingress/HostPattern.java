package dev.orc.api.ingress;

import java.util.Locale;

/**
 * A rule's host as Kubernetes matches it: absent or empty matches every host; {@code *.example.com} matches
 * exactly one more label ({@code a.example.com}, not {@code example.com} nor {@code a.b.example.com}); anything
 * else matches itself, case-insensitively. The port of a Host header takes no part.
 */
public record HostPattern(String host) {
    /** How specific a match is: an exact host before a wildcard before the rule of every host. */
    public enum Specificity { EXACT, WILDCARD, ANY }

    public HostPattern {
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
    }

    public Specificity specificity() {
        if (host.isEmpty()) {
            return Specificity.ANY;
        }
        return host.startsWith("*.") ? Specificity.WILDCARD : Specificity.EXACT;
    }

    public boolean matches(String requestHost) {
        String name = hostName(requestHost);
        return switch (specificity()) {
            case ANY -> true;
            case EXACT -> name.equals(host);
            case WILDCARD -> {
                String suffix = host.substring(1);
                yield name.endsWith(suffix) && name.length() > suffix.length()
                        && name.indexOf('.') == name.length() - suffix.length();
            }
        };
    }

    /** A Host header without its port, lowercase; IPv6 literals keep their brackets. */
    public static String hostName(String header) {
        if (header == null) {
            return "";
        }
        String value = header.toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        if (colon >= 0 && value.indexOf(']') < colon && (value.startsWith("[") || value.indexOf(':') == colon)) {
            value = value.substring(0, colon);
        }
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }
}
