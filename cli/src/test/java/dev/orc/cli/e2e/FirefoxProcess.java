package dev.orc.cli.e2e;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Firefox from Debian's {@code firefox-esr} package on a scratch profile, serving WebDriver BiDi on a free
 * loopback port. The profile sends every request for an address other than this machine's loopback to a closed local
 * port, so a test's browser reaches nothing outside even where Firefox would phone home.
 */
final class FirefoxProcess implements AutoCloseable {
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final String PREFERENCES = """
            user_pref("network.proxy.type", 1);
            user_pref("network.proxy.http", "127.0.0.1");
            user_pref("network.proxy.http_port", 9);
            user_pref("network.proxy.ssl", "127.0.0.1");
            user_pref("network.proxy.ssl_port", 9);
            user_pref("network.trr.mode", 5);
            user_pref("network.dns.disablePrefetch", true);
            user_pref("network.prefetch-next", false);
            """;

    private final Process process;
    private final Path profile;
    private final URI bidi;
    private final Path log;

    private FirefoxProcess(Process process, Path profile, URI bidi, Path log) {
        this.process = process;
        this.profile = profile;
        this.bidi = bidi;
        this.log = log;
    }

    /**
     * Starts Firefox writing its output to {@code log}. Without Firefox on the PATH the test is skipped, except in CI
     * (env CI=true), which installs it.
     */
    static FirefoxProcess start(Path log) {
        Optional<Path> binary = onPath("firefox-esr").or(() -> onPath("firefox"));
        if (binary.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("firefox is not on the PATH; CI installs it (install/setup.sh: firefox-esr)");
        }
        Assumptions.assumeTrue(binary.isPresent(), "firefox is not on the PATH (apt-get install firefox-esr)");
        int port = freePort();
        try {
            Files.createDirectories(log.getParent());
            Path profile = Files.createTempDirectory("orc-firefox-profile");
            Files.writeString(profile.resolve("user.js"), PREFERENCES);
            ProcessBuilder builder = new ProcessBuilder(binary.get().toString(), "--headless", "--no-remote",
                    "--profile", profile.toString(), "--remote-debugging-port", String.valueOf(port), "about:blank")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
            return new FirefoxProcess(builder.start(), profile, URI.create("ws://127.0.0.1:" + port + "/session"), log);
        } catch (IOException e) {
            throw new AssertionError("firefox does not start: " + e.getMessage(), e);
        }
    }

    /** Where Firefox accepts a WebDriver BiDi session. */
    URI bidi() {
        return bidi;
    }

    /** Fails, naming the log, when Firefox has exited. */
    void requireRunning() {
        if (!process.isAlive()) {
            throw new AssertionError("firefox exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** Stops Firefox and its content processes and deletes the scratch profile. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete Firefox's scratch profile " + profile, e);
        }
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
