package dev.orc.node.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Services forwarded in the kernel: TCP cluster IPs and node ports become iptables DNAT rules in chains this
 * agent owns ({@link ChainNames}), written whole by {@code iptables-restore --noflush} whenever they change. The
 * user-space {@link ServiceProxy} keeps UDP, and node ports for clients on loopback (which the kernel may not
 * DNAT to a container without {@code route_localnet}); it also keeps every cluster IP bound, so the host routes
 * to them locally and a port without a rule is refused. Backends go through {@code destinations} first (a port a
 * local container publishes becomes the container's own address). Closing deletes the jumps and every chain.
 */
public final class KernelProxy implements ServiceForwarder {
    private static final Logger LOG = LoggerFactory.getLogger(KernelProxy.class);
    private static final String COMMENT = "orc services";

    private final Iptables iptables;
    private final ChainNames names;
    private final ServiceProxy userspace;
    private final String nodeAddress;
    private final Destinations destinations;
    private final List<Iptables.Jump> jumps;
    private Ruleset current;

    private KernelProxy(Iptables iptables, ChainNames names, ServiceProxy userspace, String nodeAddress,
                        Destinations destinations, Ruleset leftover) {
        this.iptables = iptables;
        this.names = names;
        this.userspace = userspace;
        this.nodeAddress = nodeAddress;
        this.destinations = destinations;
        this.current = leftover;
        List<String> comment = List.of("-m", "comment", "--comment", COMMENT);
        List<String> fresh = List.of("-m", "comment", "--comment", COMMENT, "-m", "conntrack", "--ctstate", "NEW");
        this.jumps = List.of(
                new Iptables.Jump("nat", "PREROUTING", comment, names.services()),
                new Iptables.Jump("nat", "OUTPUT", comment, names.services()),
                new Iptables.Jump("nat", "POSTROUTING", comment, names.postrouting()),
                new Iptables.Jump("filter", "INPUT", fresh, names.services()),
                new Iptables.Jump("filter", "FORWARD", fresh, names.services()),
                new Iptables.Jump("filter", "OUTPUT", fresh, names.services()));
    }

    /**
     * Deletes what an agent of {@code owner} that could not stop left in the kernel (killed, its machine's agent
     * gone for good): its jumps and chains. An agent that starts again as the same owner does this itself.
     */
    public static void removeLeftovers(CommandRunner commands, String owner) {
        Iptables iptables = new Iptables(commands);
        ChainNames names = ChainNames.forOwner(owner);
        Ruleset leftover = new Ruleset(iptables.chains("nat", names.prefix()), List.of(),
                iptables.chains("filter", names.prefix()), List.of());
        if (!leftover.equals(Ruleset.EMPTY)) {
            new KernelProxy(iptables, names, null, null, null, leftover).removeAll();
        }
    }

    /**
     * Replaces whatever chains an earlier agent of the same {@code owner} left, and hooks orc's chains into the
     * built-in ones. {@code userspace} serves UDP and loopback clients of node ports; it is closed with this proxy.
     */
    public static KernelProxy start(CommandRunner commands, String owner, ServiceProxy userspace, String nodeAddress,
                                    Destinations destinations) {
        Iptables iptables = new Iptables(commands);
        ChainNames names = ChainNames.forOwner(owner);
        Ruleset leftover = new Ruleset(iptables.chains("nat", names.prefix()), List.of(),
                iptables.chains("filter", names.prefix()), List.of());
        KernelProxy proxy = new KernelProxy(iptables, names, userspace, nodeAddress, destinations, leftover);
        proxy.write(IptablesRules.compute(names, List.of()));
        proxy.jumps.forEach(iptables::ensure);
        return proxy;
    }

    public ChainNames chains() {
        return names;
    }

    @Override
    public synchronized void apply(ServiceSnapshot snapshot) {
        Map<ListenAddress, Frontend> frontends = ProxyRules.compute(snapshot, nodeAddress);
        UnaryOperator<Backend> destination = destinations.now();
        List<Frontend> kernel = new ArrayList<>();
        Map<ListenAddress, Frontend> inUserSpace = new LinkedHashMap<>();
        frontends.forEach((at, frontend) -> {
            if (at.protocol() == ListenAddress.Protocol.UDP || !frontend.clusterIP()) {
                inUserSpace.put(at, frontend);
            }
            if (at.protocol() == ListenAddress.Protocol.TCP) {
                kernel.add(new Frontend(at, frontend.service(),
                        frontend.backends().stream().map(destination).distinct().toList(), frontend.affinity(),
                        frontend.clusterIP()));
            }
        });
        userspace.serve(inUserSpace, ServiceProxy.clusterIPs(frontends.values()));
        write(IptablesRules.compute(names, kernel));
    }

    @Override
    public synchronized void close() {
        removeAll();
        userspace.close();
    }

    private void removeAll() {
        for (Iptables.Jump jump : jumps) {
            if (!iptables.delete(jump)) {
                LOG.warn("the jump to {} in {} {} was gone already", jump.target(), jump.table(), jump.chain());
            }
        }
        try {
            write(Ruleset.EMPTY);
        } catch (RuntimeException e) {
            LOG.warn("cannot remove orc's iptables chains {}*: {}", names.prefix(), e.getMessage());
        }
    }

    private void write(Ruleset next) {
        if (next.equals(current)) {
            return;
        }
        iptables.restore(next.restoreFrom(current));
        current = next;
    }
}
