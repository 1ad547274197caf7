package dev.orc.node.runtime;

/** Receives log lines in order, on the runtime's thread; should not block for long. */
@FunctionalInterface
public interface LogSink {
    void accept(LogLine line);
}
