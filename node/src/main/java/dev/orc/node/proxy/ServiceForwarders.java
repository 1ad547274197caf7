package dev.orc.node.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Chooses and starts a node's {@link ServiceForwarder} for a {@link ProxyMode}, saying once which it runs and why. */
public final class ServiceForwarders {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceForwarders.class);
    private static final Path ROUTE_LOCALNET = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");

    private ServiceForwarders() {
    }

    /**
     * {@code owner} names this agent's iptables chains (stable across restarts of the same agent); UDP, and every
     * service in user-space mode, goes through a {@link ServiceProxy} with {@code options} binding cluster IPs with
     * {@code addresses}. Iptables mode that cannot start fails; auto mode falls back to user space.
     */
    public static ServiceForwarder start(ProxyMode mode, String owner, ServiceProxy.Options options,
                                         AddressBinder addresses, CommandRunner commands, Destinations destinations) {
        ServiceProxy userspace = new ServiceProxy(options, addresses);
        if (mode == ProxyMode.USERSPACE) {
            LOG.info("service proxy: user space (--proxy-mode userspace)");
            return userspace;
        }
        Optional<String> unusable = new Iptables(commands).unusable();
        if (unusable.isPresent()) {
            return fallBack(mode, userspace, unusable.get());
        }
        try {
            KernelProxy kernel = KernelProxy.start(commands, owner, userspace, options.nodeAddress(), destinations);
            LOG.info("service proxy: iptables, TCP DNATed in the kernel in chains {}*, UDP and node ports for loopback clients in user space{}",
                    kernel.chains().prefix(), routeLocalnet());
            return kernel;
        } catch (RuntimeException e) {
            return fallBack(mode, userspace, e.getMessage());
        }
    }

    /** {@link KernelProxy#removeLeftovers} where iptables works here; nothing elsewhere. */
    public static void removeLeftovers(String owner) {
        CommandRunner commands = CommandRunner.processes(Duration.ofSeconds(10));
        if (new Iptables(commands).unusable().isEmpty()) {
            KernelProxy.removeLeftovers(commands, owner);
        }
    }

    private static ServiceForwarder fallBack(ProxyMode mode, ServiceProxy userspace, String reason) {
        if (mode == ProxyMode.IPTABLES) {
            userspace.close();
            throw new IllegalStateException("--proxy-mode iptables: iptables is not usable here: " + reason);
        }
        LOG.info("service proxy: user space, iptables is not usable here ({})", reason);
        return userspace;
    }

    /** What pods miss when endpoints on loopback cannot be DNATed to from the bridge. */
    private static String routeLocalnet() {
        try {
            if (Files.readString(ROUTE_LOCALNET).trim().equals("0")) {
                return "; pods reach endpoints on 127.0.0.0/8 that are not a local container's published port only "
                        + "with sysctl net.ipv4.conf.all.route_localnet=1";
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }
}
