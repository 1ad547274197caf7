package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.model.Network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where containers on Docker's default bridge reach the host: the gateway Docker records for the network, else
 * the IPv4 address of the host's bridge interface ({@value #BRIDGE_NAME_OPTION}, e.g. docker0), else the first
 * address of the network's IPv4 subnet, which is where Docker puts the gateway by default.
 */
final class BridgeGateway {
    static final String BRIDGE_NAME_OPTION = "com.docker.network.bridge.name";

    private BridgeGateway() {
    }

    static Optional<String> of(Network network, Function<String, Optional<String>> interfaceAddress) {
        List<Network.Ipam.Config> configs = network.getIpam() == null || network.getIpam().getConfig() == null
                ? List.of() : network.getIpam().getConfig();
        Optional<String> recorded = configs.stream().map(Network.Ipam.Config::getGateway)
                .filter(g -> g != null && !g.isEmpty() && !g.contains(":")).findFirst();
        if (recorded.isPresent()) {
            return recorded;
        }
        Map<String, String> options = network.getOptions() == null ? Map.of() : network.getOptions();
        Optional<String> onInterface = Optional.ofNullable(options.get(BRIDGE_NAME_OPTION)).flatMap(interfaceAddress);
        if (onInterface.isPresent()) {
            return onInterface;
        }
        return configs.stream().map(Network.Ipam.Config::getSubnet).filter(s -> s != null && !s.contains(":"))
                .findFirst().flatMap(BridgeGateway::firstHost);
    }

    /** The IPv4 address of the host's interface called {@code name}, if it has one. */
    static Optional<String> interfaceAddress(String name) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                return Optional.empty();
            }
            return Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address)
                    .map(InetAddress::getHostAddress).findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /** {@code 172.17.0.0/16} gives {@code 172.17.0.1}. */
    static Optional<String> firstHost(String subnet) {
        int slash = subnet.indexOf('/');
        try {
            byte[] bytes = InetAddress.getByName(slash < 0 ? subnet : subnet.substring(0, slash)).getAddress();
            if (bytes.length != 4) {
                return Optional.empty();
            }
            bytes[3] = (byte) (bytes[3] | 1);
            return Optional.of(InetAddress.getByAddress(bytes).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
