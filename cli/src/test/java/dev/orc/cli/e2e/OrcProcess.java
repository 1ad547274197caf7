package dev.orc.cli.e2e;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** A long-running {@code orc server|node|up} process whose standard output and error go to one log file. */
final class OrcProcess {
    private final String name;
    private final Process process;
    private final Path log;

    private OrcProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static OrcProcess start(String name, Path logDir, Map<String, String> env, List<String> args) {
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Files.writeString(log, "$ orc " + String.join(" ", args) + "\n");
            ProcessBuilder builder = new ProcessBuilder(OrcJar.command(args)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            return new OrcProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start orc " + String.join(" ", args), e);
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The last {@code lines} lines of output, headed by the process name, for failure messages. */
    String tail(int lines) {
        List<String> all = output().lines().toList();
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return "--- " + name + " (" + (process.isAlive() ? "running" : "exited " + process.exitValue()) + ", " + log
                + ") ---\n" + String.join("\n", last) + "\n";
    }

    /** Waits until the output has a line matching {@code pattern} and returns its match; fails early if the process exits. */
    Matcher awaitLine(Pattern pattern, Duration atMost) {
        Matcher[] found = new Matcher[1];
        try {
            awaitMatch(pattern, atMost, found);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + tail(60), e);
        }
        return found[0];
    }

    private void awaitMatch(Pattern pattern, Duration atMost, Matcher[] found) {
        await(name + " printing " + pattern).atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (String line : output().lines().toList()) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    found[0] = matcher;
                    return true;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before printing " + pattern + "\n" + tail(60));
            }
            return false;
        });
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit code once the process has exited, within {@code atMost}; fails with its output if it has not. */
    int exitCode(Duration atMost) {
        if (!waitForExit(atMost)) {
            throw new AssertionError(name + " still running after " + atMost + "\n" + tail(60));
        }
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to clean up. */
    void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(20));
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
    void stop(Duration grace) {
        process.destroy();
        if (!waitForExit(grace)) {
            kill();
        }
    }

    private boolean waitForExit(Duration atMost) {
        try {
            return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
