package dev.orc.node;

import dev.orc.api.model.Node;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.Taint;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.RuntimeVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeObjectsTest {

    private static final RuntimeVersion DOCKER = new RuntimeVersion("docker", "20.10.24", "1.41", "linux", "x86_64", "6.1");
    private static final HostFacts HOST = new HostFacts(4, 8L * 1024 * 1024 * 1024, "10.0.0.9", "box");

    @Test
    void nodeCarriesHostResourcesAddressesRuntimeImagesAndReady() {
        NodeConfig config = NodeConfig.defaults("n1", Path.of("/tmp"));

        Node node = NodeObjects.node(config, HOST, DOCKER, List.of(new ImageInfo("sha256:1", List.of("orc/busybox:1"), Map.of(), 2000, "")),
                10250, "0.1.0", Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(node.metadata().labels()).containsEntry("kubernetes.io/hostname", "n1").containsEntry("kubernetes.io/os", "linux");
        assertThat(node.status().capacity()).containsEntry("cpu", Quantity.of(4)).containsEntry("memory", Quantity.parse("8Gi"))
                .containsEntry("pods", Quantity.of(110));
        assertThat(node.status().allocatable()).isEqualTo(node.status().capacity());
        assertThat(node.status().address("InternalIP")).contains("10.0.0.9");
        assertThat(node.status().nodeInfo().containerRuntimeVersion()).isEqualTo("docker://20.10.24");
        assertThat(node.status().nodeInfo().kubeletVersion()).isEqualTo("0.1.0");
        assertThat(node.status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(10250);
        assertThat(node.status().images()).singleElement().satisfies(i -> assertThat(i.names()).containsExactly("orc/busybox:1"));
        assertThat(node.status().condition("Ready").orElseThrow().lastHeartbeatTime()).isEqualTo("2024-05-01T12:00:00Z");
    }

    @Test
    void flagsOverrideTheHostAndAddLabelsAndTaints() {
        NodeConfig config = new NodeConfig("n1", NodeFlags.labels("zone=a,disk=ssd"), NodeFlags.taints("dedicated=db:NoSchedule,gpu:NoExecute"),
                java.util.Optional.of("192.168.1.2"), java.util.Optional.of(Quantity.parse("1500m")),
                java.util.Optional.of(Quantity.parse("2Gi")), 20, Path.of("/tmp"), java.util.Optional.empty(), NodeConfig.DEFAULT_HEARTBEAT, 0,
                java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(2),
                NodeNetworkConfig.DEFAULTS, dev.orc.node.ingress.IngressConfig.OFF, java.util.Optional.empty());

        Node node = NodeObjects.node(config, HOST, DOCKER, List.of(), 1, "v", Instant.EPOCH);

        assertThat(node.metadata().labels()).containsEntry("zone", "a").containsEntry("disk", "ssd");
        assertThat(node.spec().taints()).containsExactly(Taint.of("dedicated", "db", "NoSchedule"), Taint.of("gpu", null, "NoExecute"));
        assertThat(node.status().capacity()).containsEntry("cpu", Quantity.parse("1500m"))
                .containsEntry("memory", Quantity.parse("2Gi")).containsEntry("pods", Quantity.of(20));
        assertThat(node.status().address("InternalIP")).contains("192.168.1.2");
    }

    @Test
    void badFlagsAreRefusedNamingTheFlagAndValue() {
        assertThatThrownBy(() -> NodeFlags.taints("dedicated=db:Sometimes")).hasMessageContaining("--taints").hasMessageContaining("'Sometimes'");
        assertThatThrownBy(() -> NodeFlags.labels("zone")).hasMessage("--labels: expected key=value, got 'zone'");
    }

    @Test
    void memoryIsReadFromMeminfo(@TempDir Path dir) throws Exception {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:       24684544 kB\nMemFree:        23180000 kB\n");
        assertThat(HostFacts.memTotal(meminfo)).contains(24684544L * 1024);
    }
}
