package dev.orc.api.client;

import dev.orc.api.status.ApiException;

/**
 * Receives a watch's events on the watch's own thread, in order. {@link #onClose} is called exactly once:
 * with null when the server ended the watch normally or it was closed, else with why it failed
 * ({@link ApiException#isGone()} means: re-list, then watch again).
 */
public interface WatchListener {
    void onEvent(WatchEvent event);

    void onClose(ApiException failure);
}
