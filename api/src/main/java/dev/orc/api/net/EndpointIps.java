package dev.orc.api.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which addresses an Endpoints object may send Service traffic to, in Kubernetes' words: an IP literal (never a name,
 * which is never looked up), not unspecified, not link-local (the metadata service) and not multicast. Unlike
 * Kubernetes, loopback is accepted: orc's single-machine setups serve pods and host ports on 127.0.0.1.
 */
public final class EndpointIps {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private EndpointIps() {
    }

    /** The address {@code text} is a literal of, parsed without any lookup. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }

    /** Why {@code text} may not be an endpoint's address, if it may not. */
    public static Optional<String> refusal(String text) {
        Optional<InetAddress> parsed = parse(text);
        if (parsed.isEmpty()) {
            return Optional.of("must be a valid IP address");
        }
        InetAddress ip = parsed.get();
        if (ip.isAnyLocalAddress()) {
            return Optional.of("may not be unspecified (" + text + ")");
        }
        if (ip.isLinkLocalAddress()) {
            return Optional.of("may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        }
        if (ip.isMCLinkLocal()) {
            return Optional.of("may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
        }
        if (ip.isMulticastAddress()) {
            return Optional.of("may not be a multicast address (224.0.0.0/4, ff00::/8)");
        }
        return Optional.empty();
    }
}
