package dev.orc.cli.e2e;

import java.util.List;

/** What one run of an {@code orc} client verb printed and how it exited. */
record CommandResult(List<String> args, int exitCode, String out, String err) {
    /** This result, after failing with everything the command printed unless it exited 0. */
    CommandResult succeeded() {
        if (exitCode != 0) {
            throw new AssertionError("orc " + String.join(" ", args) + " exited " + exitCode + "\nstdout:\n" + out
                    + "\nstderr:\n" + err);
        }
        return this;
    }
}
