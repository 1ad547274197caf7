package dev.orc.node.proxy;

/** One open frontend of the proxy: a TCP or UDP socket forwarding to the frontend's backends. */
interface Listener extends AutoCloseable {
    /** New backends and affinity; connections and sessions to backends no longer listed are closed. */
    void update(Frontend frontend);

    @Override
    void close();
}
