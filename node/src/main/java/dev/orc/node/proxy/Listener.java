package dev.orc.node.proxy;

/** One open frontend of the proxy: a TCP or UDP socket forwarding to the frontend's backends. */
interface Listener extends AutoCloseable {
    /**
     * New backends and affinity. TCP connections to backends no longer listed run to their end (drain); UDP
     * sessions to them are closed, so the next datagram picks a listed backend.
     */
    void update(Frontend frontend);

    @Override
    void close();
}
