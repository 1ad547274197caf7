package dev.orc.api.validation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    private static final List<String> PORT_FIELDS = List.of("name", "containerPort", "hostPort", "hostIP", "protocol");

    @Test
    void differentCaseIsTheClosestMatch() {
        assertThat(Suggestions.closest("containerport", PORT_FIELDS)).contains("containerPort");
        assertThat(Suggestions.closest("HOSTIP", PORT_FIELDS)).contains("hostIP");
    }

    @Test
    void typosAndSwappedLettersAreForgiven() {
        assertThat(Suggestions.closest("contianerPort", PORT_FIELDS)).contains("containerPort");
        assertThat(Suggestions.closest("protcol", PORT_FIELDS)).contains("protocol");
        assertThat(Suggestions.closest("Deploymnet", List.of("Deployment", "DaemonSet"))).contains("Deployment");
    }

    @Test
    void nothingIsSuggestedWhenNothingIsClose() {
        assertThat(Suggestions.closest("colour", PORT_FIELDS)).isEmpty();
        assertThat(Suggestions.closest("x", PORT_FIELDS)).isEmpty();
    }

    @Test
    void distanceCountsEditsAndSwaps() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
