package dev.orc.node.runtime.docker;

import dev.orc.node.testing.DockerForTests;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeContractTest;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.fake.FakeProgram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;


/** The contract against the real Docker engine; fails rather than skips when it is missing and CI=true. */
class DockerRuntimeContractTest extends ContainerRuntimeContractTest {

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
}
