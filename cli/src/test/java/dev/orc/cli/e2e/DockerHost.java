package dev.orc.cli.e2e;

import dev.orc.node.testing.DockerForTests;
import dev.orc.node.pod.PodLabels;
import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.LogFollow;
import dev.orc.node.runtime.LogLine;
import dev.orc.node.runtime.LogOptions;
import dev.orc.node.runtime.docker.DockerRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** This machine's Docker engine as the end-to-end tests need it: reachable, with the demo images, and cleaned up after. */
final class DockerHost {
    static final List<String> WEB_IMAGES = List.of("orc/web:1", "orc/web:2");
    private static final int LAST_LINES = 5;
    private static final Duration LOGS_WAIT = Duration.ofSeconds(10);

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

    /**
     * Every container the agents of {@code nodes} created, for failure messages: its state, exit code, whether it was
     * OOM-killed, its times, and the last lines of its output once it has exited.
     */
    static String describeContainersOf(Collection<String> nodes) {
        StringBuilder text = new StringBuilder("--- containers ---\n");
        try (DockerRuntime runtime = DockerRuntime.connect()) {
            for (String node : nodes) {
                for (var container : runtime.list(PodLabels.ofNode(node))) {
                    ContainerInfo info = runtime.inspect(container.id());
                    text.append(info.name()).append(' ').append(info.state()).append(" exit ").append(info.exitCode())
                            .append(info.oomKilled() ? " OOMKilled" : "").append(" started ")
                            .append(info.startedAt().map(Object::toString).orElse("-")).append(" finished ")
                            .append(info.finishedAt().map(Object::toString).orElse("-"))
                            .append(info.error().isEmpty() ? "" : " error: " + info.error()).append('\n');
                    if (!info.running()) {
                        text.append(lastOutput(runtime, info.id()));
                    }
                }
            }
        } catch (RuntimeException e) {
            text.append("unreadable: ").append(e.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** The last lines {@code containerId} wrote, through the same runtime the agents use. */
    private static String lastOutput(DockerRuntime runtime, String containerId) {
        StringBuilder lines = new StringBuilder();
        try (LogFollow logs = runtime.logs(containerId, LogOptions.all().withTailLines(LAST_LINES),
                line -> appendLine(lines, line))) {
            if (!logs.await(LOGS_WAIT)) {
                appendLine(lines, LogLine.stderr("(its logs took over " + LOGS_WAIT.toSeconds() + " s)"));
            }
        } catch (RuntimeException e) {
            appendLine(lines, LogLine.stderr("(its logs: " + e.getMessage() + ")"));
        }
        synchronized (lines) {
            return lines.toString();
        }
    }

    private static void appendLine(StringBuilder lines, LogLine line) {
        synchronized (lines) {
            lines.append("    ").append(line.text()).append('\n');
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
