package dev.orc.node.proxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BalancerTest {
    private final Backend a = new Backend("10.0.0.1", 30001);
    private final Backend b = new Backend("10.0.0.2", 30002);
    private final Backend c = new Backend("10.0.0.3", 30003);
    private final MutableClock clock = new MutableClock();

    @Test
    void roundRobinStartsEachConnectionAtTheNextBackendAndOffersTheRestAsFallbacks() {
        Balancer balancer = new Balancer(List.of(a, b, c), null, clock);

        assertThat(balancer.candidates("1.1.1.1")).containsExactly(a, b, c);
        assertThat(balancer.candidates("1.1.1.1")).containsExactly(b, c, a);
        assertThat(balancer.candidates("1.1.1.1")).containsExactly(c, a, b);
    }

    @Test
    void clientIpAffinityHoldsUntilTheClientHasBeenIdleForTheTimeout() {
        Balancer balancer = new Balancer(List.of(a, b, c), Duration.ofSeconds(60), clock);
        balancer.chosen("1.1.1.1", b);

        clock.advance(Duration.ofSeconds(59));
        assertThat(balancer.candidates("1.1.1.1").get(0)).isEqualTo(b);
        assertThat(balancer.candidates("1.1.1.1").get(0)).isEqualTo(b);
        assertThat(balancer.candidates("2.2.2.2").get(0)).isNotEqualTo(b);

        clock.advance(Duration.ofSeconds(61));
        assertThat(List.of(balancer.candidates("1.1.1.1").get(0), balancer.candidates("1.1.1.1").get(0),
                balancer.candidates("1.1.1.1").get(0))).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void affinityToABackendThatLeftIsForgotten() {
        Balancer balancer = new Balancer(List.of(a, b), Duration.ofSeconds(60), clock);
        balancer.chosen("1.1.1.1", b);

        balancer.update(List.of(a, c), Duration.ofSeconds(60));

        assertThat(balancer.candidates("1.1.1.1")).doesNotContain(b).hasSize(2);
    }

    @Test
    void noBackendsNoCandidates() {
        assertThat(new Balancer(List.of(), null, clock).candidates("1.1.1.1")).isEmpty();
    }
}
