package dev.orc.node.proxy;

import java.util.Locale;

/** How a node forwards Services: in the kernel with iptables, in user space, or iptables when it works here. */
public enum ProxyMode {
    IPTABLES, USERSPACE, AUTO;

    public static ProxyMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--proxy-mode must be iptables, userspace or auto, got '" + value + "'");
        }
    }

    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
