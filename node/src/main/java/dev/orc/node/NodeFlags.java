package dev.orc.node;

import dev.orc.api.model.Taint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the {@code orc node} flags that have a syntax of their own, with messages naming the flag and value. */
public final class NodeFlags {
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Set<String> EFFECTS = Set.of(Taint.NO_SCHEDULE, Taint.PREFER_NO_SCHEDULE, Taint.NO_EXECUTE);

    private NodeFlags() {
    }

    /** {@code k=v,k2=v2}. */
    public static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return labels;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--labels: expected key=value, got '" + pair + "'");
            }
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return labels;
    }

    /** {@code key=value:Effect,key:Effect}, as kubelet's {@code --register-with-taints}. */
    public static List<Taint> taints(String text) {
        List<Taint> taints = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return taints;
        }
        for (String item : text.split(",")) {
            int colon = item.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--taints: expected key=value:Effect, got '" + item + "'");
            }
            String effect = item.substring(colon + 1).trim();
            if (!EFFECTS.contains(effect)) {
                throw new IllegalArgumentException("--taints: effect of '" + item
                        + "' must be NoSchedule, PreferNoSchedule or NoExecute, got '" + effect + "'");
            }
            String keyValue = item.substring(0, colon);
            int eq = keyValue.indexOf('=');
            taints.add(Taint.of(eq < 0 ? keyValue.trim() : keyValue.substring(0, eq).trim(),
                    eq < 0 ? null : keyValue.substring(eq + 1).trim(), effect));
        }
        return taints;
    }

    /** {@code IP[:PORT],...} (IPv6 as {@code [::1]:53}); addresses only, never host names to look up. */
    public static List<InetSocketAddress> addresses(String flag, String text, int defaultPort) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return addresses;
        }
        for (String item : text.split(",")) {
            addresses.add(address(flag, item.trim(), defaultPort));
        }
        return addresses;
    }

    /** One {@code IP[:PORT]}. */
    public static InetSocketAddress address(String flag, String text, int defaultPort) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(flag + ": expected [IPv6]:PORT, got '" + text + "'");
            }
            host = text.substring(1, close);
            port = text.length() > close + 1 && text.charAt(close + 1) == ':' ? text.substring(close + 2) : null;
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException(flag + ": expected an IP address, optionally with :PORT, got '" + text + "'");
        }
        int number = defaultPort;
        if (port != null) {
            try {
                number = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                number = -1;
            }
            if (number < 1 || number > 65535) {
                throw new IllegalArgumentException(flag + ": port of '" + text + "' must be 1-65535");
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), number);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(flag + ": '" + host + "' is not an IP address");
        }
    }
}
