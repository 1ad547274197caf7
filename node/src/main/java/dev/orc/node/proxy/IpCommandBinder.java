package dev.orc.node.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds service IPs as /32 addresses with the {@code ip} command: on a dummy interface {@value #DUMMY} when the
 * kernel offers that type, else on {@code lo}; containers reach either through the Docker bridge, because the
 * host routes to its own addresses. Without the privilege to add addresses it says so once and binds nothing
 * more, and the proxy serves NodePorts only.
 */
public final class IpCommandBinder implements AddressBinder {
    public static final String DUMMY = "orc0";
    private static final Logger LOG = LoggerFactory.getLogger(IpCommandBinder.class);

    private final CommandRunner commands;
    private final Set<String> added = ConcurrentHashMap.newKeySet();
    private String device;
    private boolean createdDummy;
    private volatile boolean unprivileged;

    public IpCommandBinder(CommandRunner commands) {
        this.commands = commands;
    }

    @Override
    public synchronized boolean bind(String ip) {
        if (unprivileged) {
            return false;
        }
        if (added.contains(ip)) {
            return true;
        }
        CommandRunner.Outcome outcome = commands.run(List.of("ip", "addr", "add", ip + "/32", "dev", device()));
        if (outcome.ok() || outcome.output().contains("File exists")) {
            added.add(ip);
            return true;
        }
        if (outcome.output().contains("Operation not permitted") || outcome.output().contains("Permission denied")) {
            unprivileged = true;
            LOG.warn("cannot add service addresses to {} ({}): serving NodePorts only; run the node agent as root "
                    + "or with CAP_NET_ADMIN to serve cluster IPs", device, outcome.output());
            return false;
        }
        LOG.warn("cannot add service address {} to {}: {}", ip, device, outcome.output());
        return false;
    }

    @Override
    public synchronized void unbind(String ip) {
        if (added.remove(ip)) {
            CommandRunner.Outcome outcome = commands.run(List.of("ip", "addr", "del", ip + "/32", "dev", device()));
            if (!outcome.ok()) {
                LOG.warn("cannot remove service address {} from {}: {}", ip, device, outcome.output());
            }
        }
    }

    @Override
    public synchronized void close() {
        List.copyOf(added).forEach(this::unbind);
        if (createdDummy) {
            commands.run(List.of("ip", "link", "del", DUMMY));
            createdDummy = false;
        }
    }

    /** The interface in use: {@value #DUMMY} when a dummy interface can be had (or already exists), else lo. */
    public synchronized String device() {
        if (device == null) {
            if (commands.run(List.of("ip", "link", "show", DUMMY)).ok()) {
                device = DUMMY;
            } else if (commands.run(List.of("ip", "link", "add", DUMMY, "type", "dummy")).ok()) {
                createdDummy = true;
                device = DUMMY;
            } else {
                device = "lo";
            }
            if (device.equals(DUMMY)) {
                commands.run(List.of("ip", "link", "set", DUMMY, "up"));
            }
            LOG.info("service addresses go on {}", device);
        }
        return device;
    }
}
