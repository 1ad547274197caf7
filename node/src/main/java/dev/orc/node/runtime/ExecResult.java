package dev.orc.node.runtime;

/** How a command run inside a container ended, with its (bounded) output. */
public record ExecResult(int exitCode, String stdout, String stderr) {

    /** Bound on the output kept from one exec, per stream. */
    public static final int OUTPUT_LIMIT_BYTES = 1024 * 1024;

    public boolean succeeded() {
        return exitCode == 0;
    }
}
