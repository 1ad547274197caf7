package dev.orc.reconciler.leader;

import dev.orc.api.client.ApiClient;

/** What only the leader runs, started afresh for each term. */
@FunctionalInterface
public interface LeaderWork {
    /**
     * Starts the term's loops over {@code client}, whose writes the term fences. May wait for caches to sync; is
     * interrupted when the term ends first.
     */
    AutoCloseable start(ApiClient client) throws Exception;
}
