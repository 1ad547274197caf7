package dev.orc.node.dns;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Who the cluster DNS answers: machines on the networks it listens on (the pods' bridge) and this machine itself,
 * never the rest of the world, so it is neither an open resolver nor a reflector for forged UDP queries.
 */
public final class ClientNetworks {
    /** One network: an address and how many leading bits of it every member shares. */
    public record Network(InetAddress address, int prefixLength) {
        boolean contains(InetAddress client) {
            byte[] network = address.getAddress();
            byte[] candidate = client.getAddress();
            if (network.length != candidate.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
            return new BigInteger(1, network).and(mask).equals(new BigInteger(1, candidate).and(mask));
        }
    }

    private final List<Network> networks;

    public ClientNetworks(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /**
     * The networks of the interfaces holding {@code addresses} (the DNS server's own, the pods' bridge gateway;
     * every interface's for the wildcard address), and loopback.
     */
    public static ClientNetworks serving(List<InetAddress> addresses) {
        List<Network> networks = new ArrayList<>();
        for (InetAddress address : addresses) {
            networks.addAll(networksOf(address));
        }
        return new ClientNetworks(networks).withLoopback();
    }

    private static List<Network> networksOf(InetAddress listen) {
        List<Network> networks = new ArrayList<>();
        try {
            List<NetworkInterface> interfaces = listen.isAnyLocalAddress()
                    ? Collections.list(NetworkInterface.getNetworkInterfaces())
                    : NetworkInterface.getByInetAddress(listen) == null ? List.of() : List.of(NetworkInterface.getByInetAddress(listen));
            for (NetworkInterface each : interfaces) {
                for (InterfaceAddress address : each.getInterfaceAddresses()) {
                    if (listen.isAnyLocalAddress() || address.getAddress().equals(listen)) {
                        networks.add(new Network(address.getAddress(), address.getNetworkPrefixLength()));
                    }
                }
            }
        } catch (SocketException e) {
            networks.clear();
        }
        if (networks.isEmpty()) {
            networks.add(new Network(listen, listen.getAddress().length * 8));
        }
        return networks;
    }

    private ClientNetworks withLoopback() {
        List<Network> all = new ArrayList<>(networks);
        try {
            all.add(new Network(InetAddress.getByName("127.0.0.0"), 8));
            all.add(new Network(InetAddress.getByName("::1"), 128));
        } catch (java.net.UnknownHostException literalsAlwaysParse) {
            throw new IllegalStateException(literalsAlwaysParse);
        }
        return new ClientNetworks(all);
    }

    public boolean allows(InetAddress client) {
        return networks.stream().anyMatch(network -> network.contains(client));
    }
}
