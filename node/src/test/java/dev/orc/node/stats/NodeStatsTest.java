package dev.orc.node.stats;

import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.node.pod.ContainerRole;
import dev.orc.node.pod.ManualClock;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.fake.FakeProgram;
import dev.orc.node.runtime.fake.FakeRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStatsTest {

    @TempDir
    Path proc;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final FakeRuntime runtime = new FakeRuntime(clock);

    private void start(Pod pod, String container, ContainerRole role, String program) {
        runtime.program(List.of(program), FakeProgram.runsForever().usingMemory(8L << 20));
        String id = runtime.create(ContainerSpec.builder(PodLabels.containerName(pod, container, 0), ImageBuilder.BUSYBOX_IMAGE)
                .entrypoint(List.of(program))
                .labels(PodLabels.forContainer("n1", pod, container, role, 0, 30)).build());
        runtime.start(id);
    }

    private void proc(long busyTicks, long idleTicks) throws IOException {
        Files.writeString(proc.resolve("stat"), "cpu  " + busyTicks + " 0 0 " + idleTicks + " 0 0 0 0 0 0\ncpu0 1 0 0 1\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       4000 kB\nMemFree:  100 kB\nMemAvailable:   1000 kB\n");
    }

    @Test
    void reportsCpuRatesBetweenSamplesAndMemoryPerAppContainerAndForTheNode() throws Exception {
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        Pod pod = Pod.of(ObjectMeta.of("shop", "web").withUid("uid-1"), PodSpec.of());
        start(pod, PodLabels.INFRA_NAME, ContainerRole.INFRA, "pause");
        start(pod, "app", ContainerRole.APP, "serve");
        NodeStats stats = new NodeStats(runtime, "n1", clock, proc);
        proc(1000, 5000);
        stats.summary();

        clock.advance(Duration.ofSeconds(10));
        proc(1000 + 500, 5000);
        StatsSummary summary = stats.summary();

        assertThat(summary.pods()).singleElement().satisfies(p -> {
            assertThat(p.namespace()).isEqualTo("shop");
            assertThat(p.name()).isEqualTo("web");
            assertThat(p.containers()).as("the infra container is not the pod's usage").containsExactly(
                    new StatsSummary.ContainerUsage("app", 10_000_000L, 8L << 20));
        });
        assertThat(summary.node().cpuNanoCores()).as("500 ticks of 10 ms in 10 s").isEqualTo(500_000_000L);
        assertThat(summary.node().memoryBytes()).isEqualTo(3000 * 1024L);
        assertThat(summary.node().memoryCapacityBytes()).isEqualTo(4000 * 1024L);
    }
}
