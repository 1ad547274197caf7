package dev.orc.node;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the agent reads from the machine it runs on: cores, memory, an address, the hostname. */
public record HostFacts(int cores, long memoryBytes, String address, String hostname) {

    private static final Pattern MEM_TOTAL = Pattern.compile("(?m)^MemTotal:\\s+(\\d+)\\s+kB");

    public static HostFacts detect() {
        return new HostFacts(Runtime.getRuntime().availableProcessors(), memTotal(Path.of("/proc/meminfo")).orElse(0L),
                firstIpv4().orElse("127.0.0.1"), localHostname());
    }

    /** MemTotal of a {@code /proc/meminfo}, in bytes. */
    static Optional<Long> memTotal(Path meminfo) {
        try {
            Matcher m = MEM_TOTAL.matcher(Files.readString(meminfo));
            return m.find() ? Optional.of(Long.parseLong(m.group(1)) * 1024) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first IPv4 address of an interface that is up and not loopback (nor Docker's bridge). */
    static Optional<String> firstIpv4() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.getName().startsWith("docker") || nic.getName().startsWith("veth")) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
