package dev.orc.reconciler.controller.nodelifecycle;

import dev.orc.api.client.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NodeLifecycleConfigTest {
    /** The agent's default heartbeat period ({@code orc node --heartbeat}). */
    private static final Duration HEARTBEAT = Duration.ofSeconds(3);

    @Test
    void theDefaultGracePeriodOutlastsAHeartbeatStuckOnADeadConnectionAndTheNextOne() {
        Duration stuckThenRenewed = ApiClient.DEFAULT_REQUEST_TIMEOUT.plus(HEARTBEAT);

        assertThat(NodeLifecycleConfig.defaults().gracePeriod()).isGreaterThan(stuckThenRenewed);
    }
}
