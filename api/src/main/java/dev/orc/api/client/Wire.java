package dev.orc.api.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The byte streams under one {@link Http1Connection}: a TCP (or TLS) socket, or a Unix domain socket. */
interface Wire extends AutoCloseable {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Bounds each later read: one that waits longer throws {@link java.net.SocketTimeoutException}. */
    void readTimeout(int millis) throws IOException;

    @Override
    void close() throws IOException;

    /** A wire over a connected {@link java.net.Socket}. */
    static Wire of(java.net.Socket socket) {
        return new Wire() {
            @Override
            public InputStream input() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream output() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void readTimeout(int millis) throws IOException {
                socket.setSoTimeout(millis);
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }
}
