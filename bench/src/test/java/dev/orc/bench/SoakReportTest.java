package dev.orc.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakReportTest {
    private static final Duration WINDOW = Duration.ofMinutes(2);

    @Test
    void aServerThatStaysFlatAfterWarmUpMeetsTheTargets() {
        SoakReport report = SoakReport.of(List.of(
                sample(1, 100, 10), sample(2, 200, 10), sample(3, 204, 12), sample(4, 206, 20)), WINDOW);

        assertThat(report.lines()).filteredOn(l -> l.measure().startsWith("resident"))
                .singleElement().satisfies(l -> assertThat(l.growthPercent()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.01)));
        assertThat(report.worstP99Millis()).isEqualTo(20);
        assertThat(report.met()).isTrue();
    }

    @Test
    void growthInTheWindowOrASlowRequestMissesThem() {
        assertThat(SoakReport.of(List.of(sample(1, 100, 10), sample(2, 100, 10), sample(3, 120, 10)), WINDOW).met())
                .isFalse();
        assertThat(SoakReport.of(List.of(sample(1, 100, 10), sample(2, 100, 60)), WINDOW).met()).isFalse();
    }

    @Test
    void warmUpBeforeTheWindowIsNotCounted() {
        SoakReport report = SoakReport.of(List.of(sample(1, 10, 200), sample(2, 100, 10), sample(3, 100, 10),
                sample(4, 100, 10)), WINDOW);

        assertThat(report.met()).isTrue();
        assertThat(report.text(WINDOW)).contains("over the last 2 min", "worst p99", "targets met");
    }

    @Test
    void oneSampleIsNotAReport() {
        assertThatThrownBy(() -> SoakReport.of(List.of(sample(1, 100, 10)), WINDOW))
                .hasMessageContaining("at least two samples");
    }

    private static SoakSample sample(int minute, long residentMb, double p99) {
        return new SoakSample(Duration.ofMinutes(minute), new Latencies.Summary(6000, 0, 2, p99), 120,
                residentMb * 1_000_000, 40_000_000, 80, 60, 5_000_000);
    }
}
