package dev.orc.node.runtime.docker;

import dev.orc.node.testing.DockerForTests;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeContractTest;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.LogOptions;
import dev.orc.node.runtime.PullPolicy;
import dev.orc.node.runtime.Security;
import dev.orc.node.runtime.fake.FakeProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract against the real Docker engine; fails rather than skips when it is missing and CI=true. Beyond it, what
 * the engine makes of a container's {@link Security}, seen from inside the container.
 */
class DockerRuntimeContractTest extends ContainerRuntimeContractTest {

    /** Who the process is, what it may do, and whether it can write its root filesystem. */
    private static final List<String> SHOWS_CREDENTIALS = List.of("sh", "-c", "id -u; id -g; id -G; "
            + "grep -E '^(CapEff|NoNewPrivs|Seccomp):' /proc/self/status | tr -s '\\t' ' '; "
            + "touch /probe 2>/dev/null && echo root-writable || echo root-read-only");

    private static DockerRuntime runtime;

    @BeforeAll
    static void connectAndBuildImages() {
        runtime = DockerForTests.connectWithBusybox();
        ImageBuilder.ensure(runtime, ImageBuilder.pauseImage(ImageBuilder.DEFAULT_BUSYBOX));
    }

    @AfterAll
    static void disconnect() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Override
    protected ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    protected void teach(List<String> commandLine, FakeProgram whatItDoes) {
        // The engine runs the real command.
    }

    @Override
    protected void registryReachable(String hostAndPort) {
        // The engine reaches loopback registries by itself.
    }

    private List<String> credentials(String suffix, Security security) {
        String id = runtime.create(container(suffix, SHOWS_CREDENTIALS).security(security).build());
        runtime.start(id);
        awaitExit(id);
        return texts(logs(id, LogOptions.all()));
    }

    @Test
    void aContainerLeftToTheDefaultsRunsAsTheImagesRootWithDockersCapabilitiesAndSeccomp() {
        assertThat(runtime.ensureImage(IMAGE, PullPolicy.NEVER).user()).isEmpty();

        assertThat(credentials("defaults", Security.DEFAULT)).containsExactly("0", "0", "0",
                "CapEff: 00000000a80425fb", "NoNewPrivs: 0", "Seccomp: 2", "root-writable");
    }

    @Test
    void aSecuredContainerRunsAsItsUserAndGroupsWithNoCapabilitiesNoNewPrivilegesAndAReadOnlyRoot() {
        Security security = new Security("1000:3000", List.of(2000L, 4000L), true, true, List.of(), List.of("ALL"),
                false, false);

        assertThat(credentials("secured", security)).containsExactly("1000", "3000", "3000 2000 4000",
                "CapEff: 0000000000000000", "NoNewPrivs: 1", "Seccomp: 2", "root-read-only");
    }

    @Test
    void capabilitiesAreDroppedBeforeTheAddedOnesAndSeccompCanBeLifted() {
        Security security = new Security("", List.of(), false, false, List.of("NET_BIND_SERVICE"), List.of("ALL"),
                true, false);

        assertThat(credentials("caps", security)).containsExactly("0", "0", "0",
                "CapEff: 0000000000000400", "NoNewPrivs: 0", "Seccomp: 0", "root-writable");
    }
}
