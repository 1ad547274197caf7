package dev.orc.node.runtime.fake;

import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeContractTest;
import dev.orc.node.runtime.ImageBuilder;
import org.junit.jupiter.api.BeforeEach;

import java.time.Clock;
import java.util.List;

class FakeRuntimeContractTest extends ContainerRuntimeContractTest {

    private final FakeRuntime runtime = new FakeRuntime(Clock.systemUTC());

    @BeforeEach
    void buildImages() {
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        ImageBuilder.ensure(runtime, ImageBuilder.pauseImage(ImageBuilder.DEFAULT_BUSYBOX));
    }

    @Override
    protected ContainerRuntime runtime() {
        return runtime;
    }

    @Override
    protected void teach(List<String> commandLine, FakeProgram whatItDoes) {
        runtime.program(commandLine, whatItDoes);
    }

    @Override
    protected void registryReachable(String hostAndPort) {
        runtime.reachableRegistry(hostAndPort);
    }
}
