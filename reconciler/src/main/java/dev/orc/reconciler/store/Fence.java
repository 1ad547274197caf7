package dev.orc.reconciler.store;

/**
 * A precondition on a write: {@code key} still exists with create revision {@code createRevision}. A leader holds
 * its election key under a lease; once the lease is gone the key is gone, and every write fenced by it is refused,
 * so a leader paused past its lease cannot write after its successor has started.
 */
public record Fence(String key, long createRevision) {
    public Fence {
        Keys.checkKey(key);
        if (createRevision <= 0) {
            throw new IllegalArgumentException("a fence needs the key's create revision, got " + createRevision);
        }
    }
}
