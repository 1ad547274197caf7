package dev.orc.bench.ingress;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void theMedianOfRoundsTakesEachRatiosMiddleValue() {
        HttpLoad.Result nginx = new HttpLoad.Result(1000, 1, 2, 0, 20);
        TargetRatios median = TargetRatios.median(List.of(
                TargetRatios.of(false, 64, new HttpLoad.Result(700, 1, 4, 0, 30), nginx),
                TargetRatios.of(false, 64, new HttpLoad.Result(900, 1, 2, 0, 24), nginx),
                TargetRatios.of(false, 64, new HttpLoad.Result(850, 1, 2.4, 0, 40), nginx)));

        assertThat(median.line()).isEqualTo(
                "orc/nginx plain  64 conns: requests/s 0.85x (met), p99 1.20x (met), CPU/request 1.50x");
    }

    @Test
    void theMedianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
        HttpLoad.Result nginx = new HttpLoad.Result(1000, 1, 2, 0, 0);
        TargetRatios median = TargetRatios.median(List.of(
                TargetRatios.of(true, 1, new HttpLoad.Result(700, 1, 2, 0, 0), nginx),
                TargetRatios.of(true, 1, new HttpLoad.Result(900, 1, 2, 0, 0), nginx)));

        assertThat(median.rate()).isCloseTo(0.8, within(1e-9));
    }
}
