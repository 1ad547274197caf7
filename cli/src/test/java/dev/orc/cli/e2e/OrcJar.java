package dev.orc.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded {@code cli/target/orc.jar} run as the {@code ./orc} launcher runs it: this test JVM's java with the
 * same flags and JVM options. Failsafe passes the jar's path in the system property {@code orc.jar}.
 */
final class OrcJar {
    private OrcJar() {
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("orc.jar", "target/orc.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no orc jar at " + jar + ": run the end-to-end tests with ./install/mvn -pl cli -am verify");
        }
        return jar;
    }

    /** The repository root (for examples/images/build.sh). */
    static Path repository() {
        return Path.of(System.getProperty("orc.repo", "..")).toAbsolutePath().normalize();
    }

    /** {@code java [launcher flags] @install/jvm.options -jar orc.jar args...}, as the launcher runs it. */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("@" + repository().resolve("install").resolve("jvm.options"));
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(args);
        return command;
    }

    /** Runs one client verb to its end (at most {@code timeout}), capturing its exit code and output. */
    static CommandResult run(Path workDir, Map<String, String> env, Duration timeout, String... args) {
        try {
            Files.createDirectories(workDir);
            Path out = Files.createTempFile(workDir, "orc-", ".out");
            Path err = Files.createTempFile(workDir, "orc-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command(List.of(args)))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("orc " + String.join(" ", args) + " did not finish within " + timeout
                        + "; output so far:\n" + Files.readString(out) + Files.readString(err));
            }
            return new CommandResult(List.of(args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running orc " + String.join(" ", args), e);
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }
}
