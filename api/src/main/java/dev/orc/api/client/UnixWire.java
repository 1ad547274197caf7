package dev.orc.api.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A connection to a Unix domain socket, as a {@link Wire}: the channel is non-blocking and every read or write waits
 * on a selector, so that a read is bounded as a socket's {@code SO_TIMEOUT} bounds it (a blocking channel's streams
 * would wait forever), and a write by the same timeout when the server reads nothing.
 */
final class UnixWire implements Wire {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private volatile int timeoutMillis;
    private final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (true) {
                int n = channel.read(buffer);
                if (n != 0) {
                    return n;
                }
                await(SelectionKey.OP_READ, "no answer in time");
            }
        }
    };
    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    await(SelectionKey.OP_WRITE, "the server took no more of the request in time");
                }
            }
        }
    };

    private UnixWire(SocketChannel channel, Selector selector, SelectionKey key) {
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    /** Connects to the socket at {@code path}; throws (a {@link java.net.ConnectException} for a refused one) when it cannot. */
    static UnixWire connect(Path path, int timeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(path));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            UnixWire wire = new UnixWire(channel, selector, channel.register(selector, 0));
            wire.timeoutMillis = timeoutMillis;
            return wire;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void await(int operation, String timeoutMessage) throws IOException {
        key.interestOps(operation);
        try {
            if (selector.select(timeoutMillis) == 0) {
                throw new SocketTimeoutException(timeoutMessage);
            }
            selector.selectedKeys().clear();
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void readTimeout(int millis) {
        timeoutMillis = millis;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
