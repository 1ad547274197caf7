package dev.orc.reconciler.apiserver.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many watches each user has open over HTTP, at most {@code perUser}: one client cannot hold every thread and
 * queue of the server by opening watches it never reads. Users without any open watch take no memory.
 */
final class WatchQuota {
    private final int perUser;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    WatchQuota(int perUser) {
        this.perUser = perUser;
    }

    /** Counts one more watch of {@code user}; false (and nothing counted) when the user already has the most. */
    boolean tryOpen(String user) {
        boolean[] opened = new boolean[1];
        open.compute(user, (name, count) -> {
            int current = count == null ? 0 : count;
            opened[0] = current < perUser;
            return opened[0] ? current + 1 : count;
        });
        return opened[0];
    }

    void close(String user) {
        open.computeIfPresent(user, (name, count) -> count <= 1 ? null : count - 1);
    }

    int perUser() {
        return perUser;
    }
}
