package dev.orc.bench.ingress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetRatiosTest {
    @Test
    void meetsTheTargetsAtTheirBounds() {
        TargetRatios ratios = TargetRatios.of(true, 64, new HttpLoad.Result(800, 1, 3, 0, 0), new HttpLoad.Result(1000, 1, 2, 0, 0));

        assertThat(ratios.rateMet()).isTrue();
        assertThat(ratios.p99Met()).isTrue();
        assertThat(ratios.line()).isEqualTo("orc/nginx TLS    64 conns: requests/s 0.80x (met), p99 1.50x (met)");
    }

    @Test
    void saysWhichTargetIsMissed() {
        TargetRatios ratios = TargetRatios.of(false, 1, new HttpLoad.Result(790, 1, 2, 0, 0), new HttpLoad.Result(1000, 1, 4, 0, 0));

        assertThat(ratios.rateMet()).isFalse();
        assertThat(ratios.p99Met()).isTrue();
        assertThat(ratios.line()).isEqualTo("orc/nginx plain   1 conns: requests/s 0.79x (NOT met), p99 0.50x (met)");
    }

    @Test
    void aLoadOrcAnsweredNothingOfMeetsNeitherTarget() {
        TargetRatios ratios = TargetRatios.of(true, 64, new HttpLoad.Result(0, 0, 0, 1, 0), new HttpLoad.Result(1000, 1, 2, 0, 0));

        assertThat(ratios.rateMet()).isFalse();
        assertThat(ratios.p99Met()).isFalse();
    }

    @Test
    void comparesTheProxiesCpuPerRequestWhenBothWereCounted() {
        TargetRatios ratios = TargetRatios.of(false, 64, new HttpLoad.Result(800, 1, 3, 0, 30), new HttpLoad.Result(1000, 1, 2, 0, 20));

        assertThat(ratios.line()).endsWith(", CPU/request 1.50x");
    }
}
