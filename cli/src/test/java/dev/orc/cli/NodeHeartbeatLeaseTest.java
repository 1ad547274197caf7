package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Timestamps;
import dev.orc.node.ApiNodeApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's heartbeat renews its Lease in kube-node-lease and leaves an unchanged, Ready Node alone. */
class NodeHeartbeatLeaseTest {
    @TempDir
    Path dir;
    LiveCluster cluster;

    @BeforeEach
    void start() throws InterruptedException {
        cluster = new LiveCluster(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void heartbeatsRenewTheLeaseAndRewriteTheNodeOnlyWhenItIsNotReadyOrAMinuteHasPassed() {
        ApiNodeApi api = new ApiNodeApi(cluster.client());
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode created = cluster.client().create(ResourceTypes.NODE, null, node("n1"), WriteOptions.defaults());
        created.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "False");
        cluster.client().updateStatus(ResourceTypes.NODE, null, created);

        api.renewHeartbeat("n1", start, Optional.empty());
        String afterFirst = resourceVersion();
        api.renewHeartbeat("n1", start.plusSeconds(3), Optional.empty());
        api.renewHeartbeat("n1", start.plusSeconds(6), Optional.empty());

        ObjectNode lease = cluster.client().get(ResourceTypes.LEASE, "kube-node-lease", "n1");
        assertThat(lease.at("/spec/holderIdentity").asText()).isEqualTo("n1");
        assertThat(lease.at("/spec/renewTime").asText()).isEqualTo(Timestamps.formatMicros(start.plusSeconds(6)));
        assertThat(resourceVersion()).isEqualTo(afterFirst);
        assertThat(readyStatus()).isEqualTo("True");

        api.renewHeartbeat("n1", start.plus(Duration.ofSeconds(66)), Optional.empty());

        assertThat(resourceVersion()).isNotEqualTo(afterFirst);
        assertThat(cluster.client().get(ResourceTypes.NODE, null, "n1").at("/status/conditions/0/lastHeartbeatTime").asText())
                .isEqualTo(Timestamps.format(start.plusSeconds(66)));
    }

    @Test
    void aNodeWhoseContainerRuntimeIsDownReportsNotReadyWithTheReasonAndReadyAgainWhenItIsBack() {
        ApiNodeApi api = new ApiNodeApi(cluster.client());
        Instant start = Instant.parse("2026-12-06T08:00:00Z");
        ObjectNode created = cluster.client().create(ResourceTypes.NODE, null, node("n1"), WriteOptions.defaults());
        created.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        cluster.client().updateStatus(ResourceTypes.NODE, null, created);

        api.renewHeartbeat("n1", start, Optional.of("container runtime is down: Cannot connect to the Docker daemon"));

        ObjectNode ready = (ObjectNode) cluster.client().get(ResourceTypes.NODE, null, "n1").at("/status/conditions/0");
        assertThat(ready.path("status").asText()).isEqualTo("False");
        assertThat(ready.path("reason").asText()).isEqualTo("KubeletNotReady");
        assertThat(ready.path("message").asText()).isEqualTo("container runtime is down: Cannot connect to the Docker daemon");
        assertThat(ready.path("lastTransitionTime").asText()).isEqualTo(Timestamps.format(start));

        api.renewHeartbeat("n1", start.plusSeconds(3), Optional.of("container runtime is down: Cannot connect to the Docker daemon"));
        assertThat(cluster.client().get(ResourceTypes.NODE, null, "n1").at("/status/conditions/0/lastHeartbeatTime")
                .asText()).as("an unchanged NotReady status is not written again").isEqualTo(Timestamps.format(start));

        api.renewHeartbeat("n1", start.plusSeconds(6), Optional.empty());
        assertThat(readyStatus()).isEqualTo("True");
    }

    private String resourceVersion() {
        return cluster.client().get(ResourceTypes.NODE, null, "n1").at("/metadata/resourceVersion").asText();
    }

    private String readyStatus() {
        return cluster.client().get(ResourceTypes.NODE, null, "n1").at("/status/conditions/0/status").asText();
    }

    private static ObjectNode node(String name) {
        ObjectNode node = Json.object().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", name);
        return node;
    }
}
