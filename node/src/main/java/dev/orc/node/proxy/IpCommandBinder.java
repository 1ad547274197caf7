package dev.orc.node.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds service IPs as /32 addresses with the {@code ip} command: on a dummy interface {@value #DUMMY} when the
 * kernel offers that type, else on {@code lo}; containers reach either through the Docker bridge, because the
 * host routes to its own addresses. Without the privilege to add addresses it says so once and binds nothing
 * more, and the proxy serves NodePorts only.
 * <p>
 * Every address carries a label of its node ({@link #label}), so the addresses a killed agent could not remove are
 * found and removed when the node's next agent starts, and no address of another owner (another node's agent on the
 * same host, or anything else) is ever touched.
 */
public final class IpCommandBinder implements AddressBinder {
    public static final String DUMMY = "orc0";
    private static final Logger LOG = LoggerFactory.getLogger(IpCommandBinder.class);

    private final CommandRunner commands;
    private final String owner;
    private final Set<String> added = ConcurrentHashMap.newKeySet();
    private String device;
    private boolean createdDummy;
    private volatile boolean unprivileged;

    /** Binds addresses for the node named {@code owner}. */
    public IpCommandBinder(CommandRunner commands, String owner) {
        this.commands = commands;
        this.owner = owner;
    }

    @Override
    public synchronized boolean bind(String ip) {
        if (unprivileged) {
            return false;
        }
        if (added.contains(ip)) {
            return true;
        }
        String on = device();
        CommandRunner.Outcome outcome = commands.run(List.of("ip", "addr", "add", ip + "/32", "dev", on,
                "label", label(on, owner)));
        if (outcome.ok() || alreadyThere(outcome.output())) {
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

    /**
     * The address is on the interface already: "File exists" when it is there with the same label, "Address already
     * assigned" under another (another node's agent on this host, or an agent from before addresses were labelled).
     */
    private static boolean alreadyThere(String output) {
        return output.contains("File exists") || output.contains("Address already assigned");
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
            removeLeftovers();
        }
        return device;
    }

    /** Removes the addresses this node's label still marks: a previous agent of the node was killed before its close. */
    private void removeLeftovers() {
        String label = label(device, owner);
        CommandRunner.Outcome listed = commands.run(List.of("ip", "-o", "-4", "addr", "show", "dev", device,
                "label", label));
        if (!listed.ok()) {
            return;
        }
        List<String> left = leftovers(listed.output());
        for (String address : left) {
            commands.run(List.of("ip", "addr", "del", address, "dev", device));
        }
        if (!left.isEmpty()) {
            LOG.info("removed {} service address(es) a previous agent of this node left on {}", left.size(), device);
        }
    }

    /** The {@code address/prefix} of each line of {@code ip -o addr show}. */
    static List<String> leftovers(String listing) {
        List<String> addresses = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i + 1 < words.length; i++) {
                if (words[i].equals("inet")) {
                    addresses.add(words[i + 1]);
                }
            }
        }
        return addresses;
    }

    /**
     * The label of {@code owner}'s addresses on {@code device}: the device, a colon and a hash of the node's name, as
     * the kernel wants a label to begin with its device's name and to fit in 15 characters.
     */
    static String label(String device, String owner) {
        return device + ":o" + HexFormat.of().toHexDigits(owner.hashCode());
    }
}
