package dev.orc.node.proxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IptablesRulesTest {
    private static final ChainNames NAMES = new ChainNames("ORC-T-");

    private static Frontend clusterIP(String service, String ip, int port, Duration affinity, Backend... backends) {
        return new Frontend(new ListenAddress(ip, port, ListenAddress.Protocol.TCP), service, List.of(backends), affinity, true);
    }

    private static Frontend nodePort(String service, int port, Backend... backends) {
        return new Frontend(new ListenAddress("0.0.0.0", port, ListenAddress.Protocol.TCP), service, List.of(backends), null, false);
    }

    @Test
    void clusterIPsNodePortsAffinityAndServicesWithoutEndpointsAsRestoreInput() {
        Frontend web = clusterIP("default/web:http", "10.96.0.10", 80, null,
                new Backend("172.17.0.2", 8080), new Backend("172.17.0.3", 8080), new Backend("127.0.0.1", 31000));
        Frontend webNodePort = nodePort("default/web:http", 30080, new Backend("172.17.0.2", 8080));
        Frontend sticky = clusterIP("default/cart", "10.96.0.11", 443, Duration.ofSeconds(600),
                new Backend("172.17.0.4", 8443), new Backend("172.17.0.5", 8443));
        Frontend empty = clusterIP("default/down", "10.96.0.12", 80, null);
        Frontend emptyNodePort = nodePort("default/down", 30081);
        String web1 = NAMES.endpoint(web, new Backend("172.17.0.2", 8080));
        String web2 = NAMES.endpoint(web, new Backend("172.17.0.3", 8080));
        String web3 = NAMES.endpoint(web, new Backend("127.0.0.1", 31000));
        String webNp = NAMES.endpoint(webNodePort, new Backend("172.17.0.2", 8080));
        String cart1 = NAMES.endpoint(sticky, new Backend("172.17.0.4", 8443));
        String cart2 = NAMES.endpoint(sticky, new Backend("172.17.0.5", 8443));
        String webSvc = NAMES.service(web);
        String webNpSvc = NAMES.service(webNodePort);
        String cartSvc = NAMES.service(sticky);

        Ruleset rules = IptablesRules.compute(NAMES, List.of(web, webNodePort, sticky, empty, emptyNodePort));

        assertThat(rules.restoreFrom(Ruleset.EMPTY)).isEqualTo("""
                *nat
                :ORC-T-SERVICES - [0:0]
                :ORC-T-NODEPORTS - [0:0]
                :ORC-T-POSTROUTING - [0:0]
                :ORC-T-MARK-MASQ - [0:0]
                :%1$s - [0:0]
                :%2$s - [0:0]
                :%3$s - [0:0]
                :%4$s - [0:0]
                :%5$s - [0:0]
                :%6$s - [0:0]
                :%7$s - [0:0]
                :%8$s - [0:0]
                :%9$s - [0:0]
                -A ORC-T-POSTROUTING -m mark ! --mark 0x80000/0x80000 -j RETURN
                -A ORC-T-POSTROUTING -j MARK --xor-mark 0x80000
                -A ORC-T-POSTROUTING -m comment --comment "orc service traffic requiring SNAT" -j MASQUERADE
                -A ORC-T-MARK-MASQ -j MARK --or-mark 0x80000
                -A ORC-T-NODEPORTS -p tcp -m comment --comment "default/web:http" -m tcp --dport 30080 -j %1$s
                -A %1$s -m comment --comment "default/web:http" -j ORC-T-MARK-MASQ
                -A %1$s -m comment --comment "default/web:http" -j %2$s
                -A %2$s -s 172.17.0.2/32 -m comment --comment "default/web:http" -j ORC-T-MARK-MASQ
                -A %2$s -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 172.17.0.2:8080
                -A ORC-T-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "default/web:http" -m tcp --dport 80 -j %3$s
                -A %3$s -m comment --comment "default/web:http" -m statistic --mode random --probability 0.3333333333 -j %4$s
                -A %3$s -m comment --comment "default/web:http" -m statistic --mode random --probability 0.5000000000 -j %5$s
                -A %3$s -m comment --comment "default/web:http" -j %6$s
                -A %4$s -s 172.17.0.2/32 -m comment --comment "default/web:http" -j ORC-T-MARK-MASQ
                -A %4$s -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 172.17.0.2:8080
                -A %5$s -s 172.17.0.3/32 -m comment --comment "default/web:http" -j ORC-T-MARK-MASQ
                -A %5$s -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 172.17.0.3:8080
                -A %6$s -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 127.0.0.1:31000
                -A ORC-T-SERVICES -d 10.96.0.11/32 -p tcp -m comment --comment "default/cart" -m tcp --dport 443 -j %7$s
                -A %7$s -m comment --comment "default/cart" -m recent --name %8$s --rcheck --seconds 600 --reap -j %8$s
                -A %7$s -m comment --comment "default/cart" -m recent --name %9$s --rcheck --seconds 600 --reap -j %9$s
                -A %7$s -m comment --comment "default/cart" -m statistic --mode random --probability 0.5000000000 -j %8$s
                -A %7$s -m comment --comment "default/cart" -j %9$s
                -A %8$s -s 172.17.0.4/32 -m comment --comment "default/cart" -j ORC-T-MARK-MASQ
                -A %8$s -p tcp -m comment --comment "default/cart" -m recent --name %8$s --set -m tcp -j DNAT --to-destination 172.17.0.4:8443
                -A %9$s -s 172.17.0.5/32 -m comment --comment "default/cart" -j ORC-T-MARK-MASQ
                -A %9$s -p tcp -m comment --comment "default/cart" -m recent --name %9$s --set -m tcp -j DNAT --to-destination 172.17.0.5:8443
                -A ORC-T-SERVICES ! -s 127.0.0.0/8 -m comment --comment "orc node ports; keep last" -m addrtype --dst-type LOCAL -j ORC-T-NODEPORTS
                COMMIT
                *filter
                :ORC-T-SERVICES - [0:0]
                -A ORC-T-SERVICES -m addrtype --dst-type LOCAL -p tcp -m comment --comment "default/down has no endpoints" -m tcp --dport 30081 -j REJECT
                -A ORC-T-SERVICES -d 10.96.0.12/32 -p tcp -m comment --comment "default/down has no endpoints" -m tcp --dport 80 -j REJECT
                COMMIT
                """.formatted(webNpSvc, webNp, webSvc, web1, web2, web3, cartSvc, cart1, cart2));
    }

    @Test
    void chainsOfThePreviousRulesetThatAreGoneAreFlushedAndDeletedAfterTheNewRules() {
        Frontend web = clusterIP("default/web", "10.96.0.10", 80, null, new Backend("172.17.0.2", 8080));
        Ruleset before = IptablesRules.compute(NAMES, List.of(web));
        Ruleset after = IptablesRules.compute(NAMES, List.of());

        String text = after.restoreFrom(before);

        String svc = NAMES.service(web);
        String sep = NAMES.endpoint(web, new Backend("172.17.0.2", 8080));
        assertThat(text).contains(":" + svc + " - [0:0]\n:" + sep + " - [0:0]\n")
                .endsWith("-X " + svc + "\n-X " + sep + "\nCOMMIT\n*filter\n:ORC-T-SERVICES - [0:0]\nCOMMIT\n")
                .doesNotContain("DNAT");
        assertThat(Ruleset.EMPTY.restoreFrom(after)).isEqualTo("""
                *nat
                :ORC-T-SERVICES - [0:0]
                :ORC-T-NODEPORTS - [0:0]
                :ORC-T-POSTROUTING - [0:0]
                :ORC-T-MARK-MASQ - [0:0]
                -X ORC-T-SERVICES
                -X ORC-T-NODEPORTS
                -X ORC-T-POSTROUTING
                -X ORC-T-MARK-MASQ
                COMMIT
                *filter
                :ORC-T-SERVICES - [0:0]
                -X ORC-T-SERVICES
                COMMIT
                """);
    }

    @Test
    void chainNamesAreStablePerOwnerDistinctBetweenOwnersAndFitIptables() {
        ChainNames one = ChainNames.forOwner("n1@/var/lib/orc/n1");
        Frontend web = clusterIP("default/web", "10.96.0.10", 80, null, new Backend("172.17.0.2", 8080));

        assertThat(one).isEqualTo(ChainNames.forOwner("n1@/var/lib/orc/n1"));
        assertThat(one.prefix()).isNotEqualTo(ChainNames.forOwner("n2@/var/lib/orc/n2").prefix()).matches("ORC-[0-9A-F]{6}-");
        assertThat(List.of(one.service(web), one.endpoint(web, new Backend("172.17.0.2", 8080)), one.postrouting()))
                .allSatisfy(name -> assertThat(name.length()).isLessThanOrEqualTo(28));
    }
}
