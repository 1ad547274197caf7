package dev.orc.node.runtime.fake;

import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.ContainerState;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.NetworkMode;
import dev.orc.node.runtime.PortMapping;
import dev.orc.node.runtime.PullPolicy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the fake offers: scripting containers, and determinism. */
class FakeRuntimeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<String> PROBE = List.of("cat", "/tmp/ready");

    private final FakeRuntime runtime = new FakeRuntime(CLOCK).addImage("app:1");

    private String started(String name) {
        String id = runtime.create(ContainerSpec.builder(name, "app:1").build());
        runtime.start(id);
        return id;
    }

    @Test
    void scriptedCrashEndsTheContainerWithTheCode() {
        String id = started("crash");
        runtime.exit("crash", 2);
        ContainerInfo info = runtime.inspect(id);
        assertThat(info.state()).isEqualTo(ContainerState.EXITED);
        assertThat(info.exitCode()).isEqualTo(2);
        assertThat(info.finishedAt()).contains(CLOCK.instant());
    }

    @Test
    void scriptedOomKillIsReported() {
        started("oom");
        runtime.oomKill("oom");
        assertThat(runtime.inspect("oom").oomKilled()).isTrue();
        assertThat(runtime.inspect("oom").exitCode()).isEqualTo(137);
    }

    @Test
    void scriptedExecResultAnswersAReadinessProbe() {
        String id = started("probe");
        assertThat(runtime.exec(id, PROBE, Duration.ofSeconds(1)).succeeded()).isFalse();
        runtime.execResult(id, PROBE, new ExecResult(0, "ok\n", ""));
        assertThat(runtime.exec(id, PROBE, Duration.ofSeconds(1)).succeeded()).isTrue();
    }

    @Test
    void idsAddressesAndAllocatedPortsAreDeterministic() {
        List<Object> first = snapshot(new FakeRuntime(CLOCK).addImage("app:1"));
        List<Object> second = snapshot(new FakeRuntime(CLOCK).addImage("app:1"));
        assertThat(first).isEqualTo(second);
    }

    private static List<Object> snapshot(FakeRuntime fake) {
        String id = fake.create(ContainerSpec.builder("web", "app:1").addPort(PortMapping.tcp("", 0, 80)).build());
        fake.start(id);
        ContainerInfo info = fake.inspect(id);
        return List.of(info.id(), info.ipAddress(), info.ports());
    }

    @Test
    void hostPortAlreadyBoundByARunningContainerCannotBeBoundAgain() {
        String first = runtime.create(ContainerSpec.builder("a", "app:1").addPort(PortMapping.tcp("", 30080, 80)).build());
        runtime.start(first);
        String second = runtime.create(ContainerSpec.builder("b", "app:1").addPort(PortMapping.tcp("", 30080, 80)).build());
        assertThatThrownBy(() -> runtime.start(second)).isInstanceOf(ContainerRuntimeException.class)
                .hasMessageContaining("30080").hasMessageContaining("already allocated");
    }

    @Test
    void joiningTheNamespaceOfAStoppedContainerFails() {
        runtime.create(ContainerSpec.builder("infra", "app:1").build());
        String app = runtime.create(ContainerSpec.builder("app", "app:1").networkMode(NetworkMode.container("infra")).build());
        assertThatThrownBy(() -> runtime.start(app)).hasMessageContaining("non running container");
    }

    @Test
    void publishedImageIsPulledAndThenPresent() {
        runtime.publishImage("registry.example:5000/team/api:7");
        ImageInfo pulled = runtime.ensureImage("registry.example:5000/team/api:7", PullPolicy.IF_NOT_PRESENT);
        assertThat(pulled.tags()).containsExactly("registry.example:5000/team/api:7");
        assertThat(runtime.ensureImage("registry.example:5000/team/api:7", PullPolicy.NEVER)).isEqualTo(pulled);
    }

    @Test
    void ensuringAnUnchangedImageDoesNotBuildItAgain() {
        ImageInfo built = ImageBuilder.ensure(runtime, ImageBuilder.pauseImage(ImageBuilder.DEFAULT_BUSYBOX));
        ImageInfo again = ImageBuilder.ensure(runtime, ImageBuilder.pauseImage(ImageBuilder.DEFAULT_BUSYBOX));
        assertThat(again).isEqualTo(built);
    }
}
