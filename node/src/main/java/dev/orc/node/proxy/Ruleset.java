package dev.orc.node.proxy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The chains and rules of orc's kernel forwarding in the nat and filter tables, and the {@code iptables-restore
 * --noflush} input that moves the kernel from one ruleset to the next: it declares (and so flushes) exactly the
 * chains named here, appends their rules, and deletes the chains of the previous ruleset that are gone. Chains
 * of other owners are never named, so they are never touched.
 */
public record Ruleset(List<String> natChains, List<String> natRules, List<String> filterChains, List<String> filterRules) {
    /** No chain at all: the target of a removal. */
    public static final Ruleset EMPTY = new Ruleset(List.of(), List.of(), List.of(), List.of());

    public Ruleset {
        natChains = List.copyOf(natChains);
        natRules = List.copyOf(natRules);
        filterChains = List.copyOf(filterChains);
        filterRules = List.copyOf(filterRules);
    }

    /** The iptables-restore input going from {@code previous} to this. */
    public String restoreFrom(Ruleset previous) {
        StringBuilder text = new StringBuilder();
        table(text, "nat", natChains, natRules, previous.natChains);
        table(text, "filter", filterChains, filterRules, previous.filterChains);
        return text.toString();
    }

    private static void table(StringBuilder text, String table, List<String> chains, List<String> rules,
                              List<String> previousChains) {
        List<String> gone = new ArrayList<>(new LinkedHashSet<>(previousChains));
        gone.removeAll(Set.copyOf(chains));
        text.append('*').append(table).append('\n');
        chains.forEach(chain -> text.append(':').append(chain).append(" - [0:0]\n"));
        gone.forEach(chain -> text.append(':').append(chain).append(" - [0:0]\n"));
        rules.forEach(rule -> text.append(rule).append('\n'));
        gone.forEach(chain -> text.append("-X ").append(chain).append('\n'));
        text.append("COMMIT\n");
    }
}
