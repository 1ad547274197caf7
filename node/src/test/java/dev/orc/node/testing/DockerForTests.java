package dev.orc.node.testing;

import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ImageBuilder;
import dev.orc.node.runtime.docker.DockerRuntime;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The Docker engine for integration tests: a test that needs it fails in CI ({@code CI=true}) when the engine
 * is unreachable, and is skipped elsewhere, so a developer without Docker can still run the rest.
 */
public final class DockerForTests {
    private DockerForTests() {
    }

    /** Throws (fails or aborts the test) unless the engine answers. */
    public static void require() {
        try (DockerRuntime runtime = connect()) {
            runtime.version();
        }
    }

    /** {@link #connect()}, with the locally built busybox image the pod tests run present. */
    public static DockerRuntime connectWithBusybox() {
        DockerRuntime runtime = connect();
        ImageBuilder.ensure(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        return runtime;
    }

    /** A connected runtime whose engine answered; the caller closes it. */
    public static DockerRuntime connect() {
        DockerRuntime runtime = DockerRuntime.connect();
        try {
            runtime.version();
            return runtime;
        } catch (ContainerRuntimeException e) {
            runtime.close();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("Docker is needed in CI: " + e.getMessage(), e);
            }
            abort("Docker is not reachable: " + e.getMessage());
            throw e;
        }
    }
}
