package dev.orc.api.table;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AgeTest {
    @ParameterizedTest(name = "{0}s is {1}")
    @CsvSource({
            "0, 0s", "119, 119s", "120, 2m", "330, 5m30s", "600, 10m", "10799, 179m", "10800, 3h", "12600, 3h30m",
            "28800, 8h", "172799, 47h", "172800, 2d", "180000, 2d2h", "691200, 8d", "63072000, 2y", "63158400, 2y1d",
            "315360000, 10y"})
    void agesReadAsKubectlPrintsThem(long seconds, String expected) {
        assertThat(Age.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2024-05-01T11:59:00Z | 60s", "'' | <unknown>", "yesterday | <unknown>",
            "2024-05-01T12:00:00Z | 0s", "2024-05-01T12:05:00Z | <invalid>"})
    void ageSinceATimestamp(String since, String expected) {
        assertThat(Age.since(since, Instant.parse("2024-05-01T12:00:00Z"))).isEqualTo(expected);
    }
}
