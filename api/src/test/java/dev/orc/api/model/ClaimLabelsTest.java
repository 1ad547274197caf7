package dev.orc.api.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimLabelsTest {

    @Test
    void shortNamesAreReadable() {
        assertThat(ClaimLabels.key("shop", "db")).isEqualTo("orc.dev/pvc-shop.db");
    }

    @Test
    void longNamesStayWithinTheLabelKeyLimitAndDistinct() {
        String claim = "a".repeat(100);
        String one = ClaimLabels.key("shop", claim);
        String other = ClaimLabels.key("shop", claim + "b");

        assertThat(one.substring(ClaimLabels.PREFIX.length())).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9][-a-z0-9.]*[a-z0-9]");
        assertThat(one).isNotEqualTo(other);
    }
}
