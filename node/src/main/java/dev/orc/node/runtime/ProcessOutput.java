package dev.orc.node.runtime;

/** Where an {@link AttachedProcess}'s output goes; with a terminal everything is stdout. */
@FunctionalInterface
public interface ProcessOutput {
    void write(boolean stderr, byte[] bytes);
}
