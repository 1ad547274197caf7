package dev.orc.api.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API servers of one cluster a client may use, in order, and the one it uses now. Every request goes to the
 * current server; one that cannot be reached makes the next current (the client-side load balancer of k3s agents
 * does the same), so a client keeps working while any server answers. Safe for concurrent use: of several requests
 * that find the same server gone, only the first moves on.
 */
final class ServerChoice {
    private final List<String> bases;
    private final AtomicInteger current = new AtomicInteger();

    ServerChoice(List<URI> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no orc server configured: pass --server URL, set ORC_SERVER, or run "
                    + "orc up (it writes ~/.orc/config)");
        }
        this.bases = servers.stream().map(URI::toString).map(ServerChoice::withoutTrailingSlash).toList();
    }

    /** The base URL requests go to now. */
    String current() {
        return bases.get(current.get());
    }

    int size() {
        return bases.size();
    }

    /** {@code base} could not be reached: the next server becomes current, unless another request already moved on. */
    void unreachable(String base) {
        int index = bases.indexOf(base);
        if (index >= 0) {
            current.compareAndSet(index, (index + 1) % bases.size());
        }
    }

    /** The servers for messages: the one URL, or all of them. */
    String describe() {
        return bases.size() == 1 ? bases.getFirst() : "any of " + String.join(", ", bases);
    }

    private static String withoutTrailingSlash(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
