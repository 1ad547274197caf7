package dev.orc.node.proxy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The pure part of kernel forwarding: from the frontends of {@link ProxyRules}, the {@link Ruleset} that serves
 * them in the kernel as kube-proxy's iptables mode does. In nat, the services chain sends a cluster IP and port to
 * the service's chain, and local destinations to the node-ports chain; a service chain picks an endpoint chain,
 * first by ClientIP affinity (the {@code recent} module, one list per endpoint), else at random with the
 * {@code statistic} module (endpoint i of n with probability 1/(n-i)); an endpoint chain DNATs. Traffic a pod sends
 * to itself through its service (hairpin) and node-port traffic is marked and masqueraded on the way out. A frontend
 * without endpoints is refused in filter (REJECT, as kube-proxy does), so clients fail at once. Node ports are
 * not DNATed for clients on 127.0.0.0/8: a packet from a loopback source may not leave for a container without
 * {@code route_localnet}, so the user-space proxy serves those (see {@link KernelProxy}).
 */
public final class IptablesRules {
    /** The packet mark asking for masquerade; kube-proxy's is 0x4000, orc's its own bit. */
    public static final String MASQUERADE_MARK = "0x80000";
    private static final String ANY_ADDRESS = "0.0.0.0";

    private IptablesRules() {
    }

    public static Ruleset compute(ChainNames names, Collection<Frontend> frontends) {
        List<Frontend> sorted = frontends.stream().sorted(Comparator.comparing(f -> f.listen().toString())).toList();
        List<String> natChains = new ArrayList<>(List.of(names.services(), names.nodePorts(), names.postrouting(),
                names.markMasquerade()));
        List<String> nat = new ArrayList<>();
        List<String> filter = new ArrayList<>();
        nat.add("-A " + names.postrouting() + " -m mark ! --mark " + MASQUERADE_MARK + "/" + MASQUERADE_MARK + " -j RETURN");
        nat.add("-A " + names.postrouting() + " -j MARK --xor-mark " + MASQUERADE_MARK);
        nat.add("-A " + names.postrouting() + " -m comment --comment \"orc service traffic requiring SNAT\" -j MASQUERADE");
        nat.add("-A " + names.markMasquerade() + " -j MARK --or-mark " + MASQUERADE_MARK);
        for (Frontend frontend : sorted) {
            if (frontend.backends().isEmpty()) {
                String local = destination(frontend).isEmpty() ? " -m addrtype --dst-type LOCAL" : "";
                filter.add("-A " + names.services() + local + match(frontend, frontend.service() + " has no endpoints")
                        + " -j REJECT");
                continue;
            }
            String service = names.service(frontend);
            natChains.add(service);
            nat.add("-A " + (frontend.clusterIP() ? names.services() : names.nodePorts())
                    + match(frontend, frontend.service()) + " -j " + service);
            nat.addAll(serviceChain(names, frontend, service));
            for (Backend backend : frontend.backends()) {
                natChains.add(names.endpoint(frontend, backend));
                nat.addAll(endpointChain(names, frontend, backend));
            }
        }
        nat.add("-A " + names.services() + " ! -s 127.0.0.0/8 -m comment --comment \"orc node ports; keep last\""
                + " -m addrtype --dst-type LOCAL -j " + names.nodePorts());
        return new Ruleset(natChains, nat, List.of(names.services()), filter);
    }

    private static List<String> serviceChain(ChainNames names, Frontend frontend, String chain) {
        List<String> rules = new ArrayList<>();
        String comment = " -m comment --comment \"" + frontend.service() + "\"";
        if (!frontend.clusterIP()) {
            rules.add("-A " + chain + comment + " -j " + names.markMasquerade());
        }
        List<Backend> backends = frontend.backends();
        if (frontend.affinity() != null) {
            for (Backend backend : backends) {
                String endpoint = names.endpoint(frontend, backend);
                rules.add("-A " + chain + comment + " -m recent --name " + endpoint + " --rcheck --seconds "
                        + frontend.affinity().toSeconds() + " --reap -j " + endpoint);
            }
        }
        for (int i = 0; i < backends.size(); i++) {
            String endpoint = names.endpoint(frontend, backends.get(i));
            int left = backends.size() - i;
            rules.add("-A " + chain + comment + (left > 1 ? " -m statistic --mode random --probability "
                    + String.format(Locale.ROOT, "%.10f", 1.0 / left) : "") + " -j " + endpoint);
        }
        return rules;
    }

    private static List<String> endpointChain(ChainNames names, Frontend frontend, Backend backend) {
        String chain = names.endpoint(frontend, backend);
        String comment = " -m comment --comment \"" + frontend.service() + "\"";
        List<String> rules = new ArrayList<>();
        if (!backend.host().startsWith("127.")) {
            rules.add("-A " + chain + " -s " + backend.host() + "/32" + comment + " -j " + names.markMasquerade());
        }
        String sticky = frontend.affinity() == null ? "" : " -m recent --name " + chain + " --set";
        rules.add("-A " + chain + " -p " + protocol(frontend) + comment + sticky + " -m " + protocol(frontend)
                + " -j DNAT --to-destination " + backend);
        return rules;
    }

    private static String match(Frontend frontend, String comment) {
        return destination(frontend) + " -p " + protocol(frontend) + " -m comment --comment \"" + comment + "\" -m "
                + protocol(frontend) + " --dport " + frontend.listen().port();
    }

    private static String destination(Frontend frontend) {
        return frontend.clusterIP() || !ANY_ADDRESS.equals(frontend.listen().host())
                ? " -d " + frontend.listen().host() + "/32" : "";
    }

    private static String protocol(Frontend frontend) {
        return frontend.listen().protocol().name().toLowerCase(Locale.ROOT);
    }
}
