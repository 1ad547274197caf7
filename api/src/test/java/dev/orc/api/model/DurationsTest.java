package dev.orc.api.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1m, PT1M, 1m0s",
            "30s, PT30S, 30s",
            "1h30m, PT1H30M, 1h30m0s",
            "500ms, PT0.5S, 500ms",
            "1.5h, PT1H30M, 1h30m0s",
            ".5s, PT0.5S, 500ms",
            "2h45m10.5s, PT2H45M10.5S, 2h45m10.5s",
            "1us, PT0.000001S, 1µs",
            "1µs, PT0.000001S, 1µs",
            "10ns, PT0.00000001S, 10ns",
            "0, PT0S, 0s",
            "-90s, PT-1M-30S, -1m30s",
            "+5m, PT5M, 5m0s",
            "26h, PT26H, 26h0m0s",
    })
    void parsesGoDurationsAndFormatsThemAsGoDoes(String text, Duration expected, String formatted) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
        assertThat(Durations.format(expected)).isEqualTo(formatted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "1d", "m", "1.2.3s", "5 m", "1h-5m", "-", ".s", "1x", "99999999999999h"})
    void rejectsWhatIsNotADurationQuotingIt(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid duration \"" + text + "\"");
    }

    @Property
    void formatParsesBack(@ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long nanos) {
        Duration duration = Duration.ofNanos(nanos);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
