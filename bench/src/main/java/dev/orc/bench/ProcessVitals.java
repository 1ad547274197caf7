package dev.orc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A process's threads and open files, as Linux's {@code /proc/PID} shows them. */
record ProcessVitals(int threads, int openFiles) {
    static ProcessVitals of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
            int openFiles = (int) fds.count();
            int threads = Files.readAllLines(proc.resolve("status")).stream()
                    .filter(line -> line.startsWith("Threads:"))
                    .mapToInt(line -> Integer.parseInt(line.substring("Threads:".length()).strip()))
                    .findFirst().orElseThrow(() -> new IllegalStateException(proc + "/status has no Threads line"));
            return new ProcessVitals(threads, openFiles);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + proc + " (is this Linux, and the process alive?): "
                    + e.getMessage(), e);
        }
    }
}
