package dev.orc.reconciler.gitops;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifests of one commit: files under the target's path (relative to it, {@code *.yaml}, {@code *.yml},
 * {@code *.json}, no dotfiles) in name order, and who made the commit.
 */
public record GitSnapshot(String commit, String author, String message, Instant time, Map<String, byte[]> files) {
    public GitSnapshot {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The first line of the commit message. */
    public String subject() {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
