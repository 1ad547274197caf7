package dev.orc.api.validation;

import dev.orc.api.json.Json;
import dev.orc.api.model.GitSourceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A GitSource interval below the floor would fetch and write status in a loop. */
class GitSourceIntervalTest {
    private final ManifestValidator validator = ManifestValidator.standard();

    private static String source(String interval) {
        return """
                {"apiVersion": "orc.dev/v1", "kind": "GitSource", "metadata": {"name": "s"},
                 "spec": {"url": "https://git.example.com/s.git", "interval": "%s"}}""".formatted(interval);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "1ns", "999ms", "0.5s"})
    void anIntervalBelowOneSecondIsRefusedNamingTheField(String interval) {
        assertThat(validator.validate(Json.parse(source(interval)))).containsExactly(Problem.error("spec.interval",
                "must be at least 1s, got " + interval + " (use a webhook to sync on push)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1s", "1000ms", "30s", "1h"})
    void anIntervalOfAtLeastOneSecondIsAccepted(String interval) {
        assertThat(validator.validate(Json.parse(source(interval)))).isEmpty();
    }

    @Test
    void aStoredIntervalBelowTheFloorIsReadAsTheFloor() {
        GitSourceSpec spec = Json.convert(Json.parse(source("0s")).get("spec"), GitSourceSpec.class);

        assertThat(spec.intervalDuration()).isEqualTo(Duration.ofSeconds(1));
    }
}
