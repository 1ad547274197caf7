package dev.orc.cli.e2e;

import dev.orc.node.testing.DockerForTests;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.docker.DockerRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** This machine's Docker engine as the end-to-end tests need it: reachable, with the demo images, and cleaned up after. */
final class DockerHost {
    static final List<String> WEB_IMAGES = List.of("orc/web:1", "orc/web:2");

    private DockerHost() {
    }

    /** Fails in CI (env CI=true) and skips elsewhere when Docker is not reachable; builds the web images when missing. */
    static void require() {
        try (DockerRuntime runtime = DockerForTests.connect()) {
            List<String> tags = runtime.listImages().stream().map(ImageInfo::tags).flatMap(List::stream).toList();
            if (!tags.containsAll(WEB_IMAGES)) {
                buildWebImages();
            }
        }
    }

    /** Where containers reach this host: Docker's default bridge gateway, a local address of this machine. */
    static String bridgeGateway() {
        try (DockerRuntime runtime = DockerForTests.connect()) {
            return runtime.gatewayAddress().orElseThrow(() -> new AssertionError("Docker's bridge has no gateway"));
        }
    }

    private static void buildWebImages() {
        var script = OrcJar.repository().resolve("examples/images/build.sh");
        try {
            Path output = Files.createTempFile("orc-web-images", ".log");
            Process build = new ProcessBuilder(script.toString()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!build.waitFor(5, TimeUnit.MINUTES)) {
                build.destroyForcibly();
                fail("building " + WEB_IMAGES + " with " + script + " took over 5 minutes:\n" + Files.readString(output));
            }
            if (build.exitValue() != 0) {
                fail("building " + WEB_IMAGES + " with " + script + " failed:\n" + Files.readString(output));
            }
        } catch (IOException e) {
            fail("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while building the web images");
        }
    }

    /** Force-removes every container the agents of {@code nodes} created (they carry the label orc.dev/node=NAME). */
    static void removeContainersOf(Collection<String> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        try (DockerRuntime runtime = DockerRuntime.connect()) {
            for (String node : nodes) {
                runtime.list(PodLabels.ofNode(node)).forEach(container -> runtime.remove(container.id()));
            }
        }
    }
}
