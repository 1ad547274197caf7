package dev.orc.reconciler.store;

/**
 * How to list a prefix: at most {@code limit} keys (0 = no limit), the keys strictly after
 * {@code continueAfter} (null = from the start), as of {@code revision} (0 = the current revision).
 */
public record ListOptions(int limit, String continueAfter, long revision) {
    public static ListOptions all() {
        return new ListOptions(0, null, 0);
    }

    public static ListOptions limit(int limit) {
        return new ListOptions(limit, null, 0);
    }
}
