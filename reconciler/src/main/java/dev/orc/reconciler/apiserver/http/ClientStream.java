package dev.orc.reconciler.apiserver.http;

import java.nio.ByteBuffer;

/** What a pod stream's client WebSocket feeds: a relay of the channel protocol or kubectl's SPDY tunnel. */
interface ClientStream {
    /** A binary message from the client; false when the stream cannot go on and the client should be closed. */
    boolean toAgent(ByteBuffer message);

    /** The client's WebSocket closed or failed. */
    void clientClosed();
}
