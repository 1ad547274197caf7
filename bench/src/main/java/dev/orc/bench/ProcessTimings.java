package dev.orc.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Wall times of one command run as a whole process several times, its output thrown away; a failed run is an error. */
record ProcessTimings(List<String> command, List<Duration> samples) {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    ProcessTimings {
        command = List.copyOf(command);
        samples = List.copyOf(samples);
    }

    /** Runs {@code command} {@code warmups} times uncounted, then {@code runs} times timed, with {@code env} added. */
    static ProcessTimings measure(List<String> command, Map<String, String> env, int warmups, int runs)
            throws InterruptedException {
        for (int i = 0; i < warmups; i++) {
            run(command, env);
        }
        List<Duration> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(run(command, env));
        }
        return new ProcessTimings(command, samples);
    }

    static Duration run(List<String> command, Map<String, String> env) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        try {
            Process process = builder.start();
            String errors = new String(process.getErrorStream().readAllBytes());
            if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + RUN_TIMEOUT.toSeconds() + " s");
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + errors.strip());
            }
            return wall;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    Duration median() {
        return SyncBenchResult.median(samples);
    }

    Duration min() {
        return SyncBenchResult.best(samples);
    }

    Duration max() {
        return samples.stream().max(Duration::compareTo).orElseThrow();
    }
}
