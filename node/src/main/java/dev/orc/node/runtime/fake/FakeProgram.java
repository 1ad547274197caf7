package dev.orc.node.runtime.fake;

import dev.orc.node.runtime.LogLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a command does when the fake runtime "runs" it: the lines it prints, whether it exits by
 * itself and with which code, how it answers SIGTERM, how much memory it needs, which ports it
 * serves and which port it fetches from. Taught to a {@link FakeRuntime} per command line.
 *
 * @param exitCode exits right after printing with this code; empty: runs until stopped
 * @param termExitCode exits with this code on SIGTERM; empty: ignores SIGTERM, as a PID 1 without a handler
 * @param allocatesBytes memory it takes; above the container's limit it is OOM-killed
 * @param serves container port to the text it answers every connection with
 * @param fetches connects to 127.0.0.1 on this port in its own network namespace, prints the answer and exits 0
 */
public record FakeProgram(List<LogLine> output, OptionalInt exitCode, OptionalInt termExitCode, long allocatesBytes,
                          long memoryUsageBytes, Map<Integer, String> serves, OptionalInt fetches) {

    private static final long DEFAULT_MEMORY = 4L * 1024 * 1024;

    public FakeProgram {
        output = List.copyOf(output);
        serves = Map.copyOf(serves);
    }

    /** Prints nothing, runs until stopped, ignores SIGTERM. */
    public static FakeProgram runsForever() {
        return new FakeProgram(List.of(), OptionalInt.empty(), OptionalInt.empty(), 0, DEFAULT_MEMORY, Map.of(), OptionalInt.empty());
    }

    /** Exits with the code as soon as it started. */
    public static FakeProgram exits(int code) {
        return runsForever().withExitCode(OptionalInt.of(code));
    }

    public FakeProgram printing(String... lines) {
        List<LogLine> all = new ArrayList<>(output);
        for (String line : lines) {
            all.add(LogLine.stdout(line));
        }
        return new FakeProgram(all, exitCode, termExitCode, allocatesBytes, memoryUsageBytes, serves, fetches);
    }

    public FakeProgram printingErr(String... lines) {
        List<LogLine> all = new ArrayList<>(output);
        for (String line : lines) {
            all.add(LogLine.stderr(line));
        }
        return new FakeProgram(all, exitCode, termExitCode, allocatesBytes, memoryUsageBytes, serves, fetches);
    }

    /** Traps SIGTERM and exits with the code. */
    public FakeProgram onTerm(int code) {
        return new FakeProgram(output, exitCode, OptionalInt.of(code), allocatesBytes, memoryUsageBytes, serves, fetches);
    }

    public FakeProgram allocating(long bytes) {
        return new FakeProgram(output, exitCode, termExitCode, bytes, memoryUsageBytes, serves, fetches);
    }

    public FakeProgram usingMemory(long bytes) {
        return new FakeProgram(output, exitCode, termExitCode, allocatesBytes, bytes, serves, fetches);
    }

    public FakeProgram serving(int containerPort, String answer) {
        Map<Integer, String> all = new LinkedHashMap<>(serves);
        all.put(containerPort, answer);
        return new FakeProgram(output, exitCode, termExitCode, allocatesBytes, memoryUsageBytes, all, fetches);
    }

    public FakeProgram fetching(int port) {
        return new FakeProgram(output, exitCode, termExitCode, allocatesBytes, memoryUsageBytes, serves, OptionalInt.of(port));
    }

    private FakeProgram withExitCode(OptionalInt code) {
        return new FakeProgram(output, code, termExitCode, allocatesBytes, memoryUsageBytes, serves, fetches);
    }
}
