package dev.orc.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Docker engine of a test's own, beside this machine's: its own data and state directories, socket and bridge
 * (a /24 of 10.213.0.0/16 on a bridge this class creates), and no iptables rules, so that stopping and starting it
 * disturbs no other container or test. It starts with the images it is given, copied from this machine's engine.
 */
final class OwnDockerd implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    private final Path dir;
    private final String bridge;
    private final Path log;
    private Process daemon;

    private OwnDockerd(Path dir, String bridge) {
        this.dir = dir;
        this.bridge = bridge;
        this.log = dir.resolve("dockerd.log");
    }

    /** Starts an engine in {@code dir} (keep its path short: the socket lives there) holding {@code images}. */
    static OwnDockerd start(Path dir, List<String> images) {
        int subnet = ThreadLocalRandom.current().nextInt(1, 255);
        OwnDockerd dockerd = new OwnDockerd(dir, "orcd" + subnet);
        try {
            run("ip", "link", "add", dockerd.bridge, "type", "bridge");
            run("ip", "addr", "add", "10.213." + subnet + ".1/24", "dev", dockerd.bridge);
            run("ip", "link", "set", dockerd.bridge, "up");
            dockerd.start();
            for (String image : images) {
                run("sh", "-c", "docker save " + image + " | docker -H " + dockerd.host() + " load");
            }
            return dockerd;
        } catch (RuntimeException | Error e) {
            dockerd.close();
            throw e;
        }
    }

    /** Where a client (DOCKER_HOST) reaches this engine. */
    URI host() {
        return URI.create("unix://" + dir.resolve("d.sock"));
    }

    /** Starts the engine (again, after {@link #stop}) and waits until it answers. */
    void start() {
        try {
            daemon = new ProcessBuilder("dockerd", "--data-root", dir.resolve("data").toString(),
                    "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("d.pid").toString(),
                    "-H", host().toString(), "--bridge", bridge, "--iptables=false", "--ip-masq=false")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dockerd: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START.toNanos();
        while (!answers()) {
            assertThat(daemon.isAlive()).as("dockerd running; its log:\n%s", logText()).isTrue();
            assertThat(System.nanoTime()).as("dockerd answering within %s; its log:\n%s", START, logText()).isLessThan(deadline);
            waitFor(daemon, Duration.ofMillis(200));
        }
    }

    /** Stops the engine as a service manager does (SIGTERM): its containers stop with it. */
    void stop() {
        if (daemon == null) {
            return;
        }
        daemon.destroy();
        if (!waitFor(daemon, STOP)) {
            daemon.destroyForcibly();
            waitFor(daemon, STOP);
        }
        daemon = null;
    }

    private boolean answers() {
        try {
            Process version = new ProcessBuilder("docker", "-H", host().toString(), "version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return waitFor(version, Duration.ofSeconds(10)) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean waitFor(Process process, Duration atMost) {
        try {
            return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + process.info().command().orElse("a process"), e);
        }
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(waitFor(process, START)).as("%s finished", String.join(" ", command)).isTrue();
            assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /** Stops the engine (and so its containers), removes its bridge and its files. */
    @Override
    public void close() {
        stop();
        try {
            new ProcessBuilder("ip", "link", "del", bridge).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up after dockerd in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
