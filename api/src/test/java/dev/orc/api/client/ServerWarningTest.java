package dev.orc.api.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerWarningTest {
    @Test
    void theQuotedTextOfAKubernetesWarningIsUnescaped() {
        assertThat(ServerWarning.text("299 - \"the store is unavailable (etcd failed: \\\"no leader\\\"); may be stale\""))
                .isEqualTo("the store is unavailable (etcd failed: \"no leader\"); may be stale");
    }

    @Test
    void aWarningOfAnotherFormIsShownAsItIs() {
        assertThat(ServerWarning.text(" 199 agent something ")).isEqualTo("199 agent something");
    }
}
