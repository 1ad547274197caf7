package dev.orc.node.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The host's resolvers, read from {@code /etc/resolv.conf}: the default upstreams of the cluster DNS. */
public final class ResolvConf {
    public static final Path DEFAULT = Path.of("/etc/resolv.conf");

    private ResolvConf() {
    }

    /** Every {@code nameserver} line's address, port 53; empty when the file is missing or lists none. */
    public static List<InetSocketAddress> nameservers(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                servers.add(new InetSocketAddress(words[1], 53));
            }
        }
        return List.copyOf(servers);
    }
}
