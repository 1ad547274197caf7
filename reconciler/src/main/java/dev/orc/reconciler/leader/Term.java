package dev.orc.reconciler.leader;

import dev.orc.reconciler.store.Fence;

/**
 * One server's time as leader: it holds the election {@code key} under store lease {@code lease}; the key's
 * create revision is the term's {@code epoch}, larger for every later term, and fences the term's writes.
 */
public record Term(String key, String identity, long lease, long epoch) {
    public Fence fence() {
        return new Fence(key, epoch);
    }
}
