package dev.orc.node.runtime.docker;

import dev.orc.node.runtime.ProcessOutput;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /exec/ID/start} on a connection of its own to the engine, upgraded to a raw stream as the docker CLI
 * does it, for an exec with input: unlike docker-java's zerodep transport it can end the input (a half-close), which
 * {@code cat}, {@code tar -x} and every reader of its input wait for. Output is the engine's multiplexed frames (an
 * 8-byte header: the stream, then the length, big-endian), or raw bytes with a terminal.
 */
final class ExecConnection implements AutoCloseable {
    private static final int HEADER = 8;

    private final SocketChannel channel;
    private final ByteBuffer leftover;
    private final boolean tty;

    private ExecConnection(SocketChannel channel, ByteBuffer leftover, boolean tty) {
        this.channel = channel;
        this.leftover = leftover;
        this.tty = tty;
    }

    /** Starts the exec; the engine's answer must be the upgrade (101) or, from older engines, 200. */
    static ExecConnection start(URI dockerHost, String execId, boolean tty) throws IOException {
        SocketChannel channel = open(dockerHost);
        try {
            String body = "{\"Detach\":false,\"Tty\":" + tty + "}";
            String request = "POST /exec/" + execId + "/start HTTP/1.1\r\nHost: docker\r\n"
                    + "Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body;
            write(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer head = ByteBuffer.allocate(16 * 1024);
            int end;
            while ((end = headerEnd(head)) < 0) {
                if (!head.hasRemaining() || channel.read(head) < 0) {
                    throw new IOException("the engine closed the connection before answering the exec's start");
                }
            }
            String status = new String(head.array(), 0, Math.min(end, head.position()), StandardCharsets.US_ASCII)
                    .lines().findFirst().orElse("");
            if (!status.contains(" 101 ") && !status.contains(" 200 ")) {
                throw new IOException("the engine refused to start the exec: " + status);
            }
            ByteBuffer leftover = ByteBuffer.wrap(head.array(), end, head.position() - end).slice();
            return new ExecConnection(channel, leftover, tty);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static SocketChannel open(URI dockerHost) throws IOException {
        return switch (dockerHost.getScheme()) {
            case "unix" -> {
                SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX);
                unix.connect(UnixDomainSocketAddress.of(dockerHost.getPath()));
                yield unix;
            }
            case "tcp" -> SocketChannel.open(new InetSocketAddress(dockerHost.getHost(), dockerHost.getPort()));
            default -> throw new IOException("an exec with input needs the engine on unix:// or tcp://, not "
                    + dockerHost);
        };
    }

    /** The offset just past the blank line ending the response's head, or -1 while it has not come. */
    private static int headerEnd(ByteBuffer head) {
        byte[] bytes = head.array();
        for (int i = 3; i < head.position(); i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    void write(byte[] data, int offset, int length) throws IOException {
        write(channel, ByteBuffer.wrap(data, offset, length));
    }

    private static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The end of the process's input. */
    void endInput() throws IOException {
        channel.shutdownOutput();
    }

    /** Hands the output on until the engine ends it. */
    void readOutput(ProcessOutput output) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
        buffer.put(leftover);
        while (true) {
            buffer.flip();
            if (tty) {
                if (buffer.hasRemaining()) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    output.write(false, bytes);
                }
            } else {
                while (buffer.remaining() >= HEADER && buffer.remaining() >= HEADER + buffer.getInt(buffer.position() + 4)) {
                    boolean stderr = buffer.get(buffer.position()) == 2;
                    int length = buffer.getInt(buffer.position() + 4);
                    buffer.position(buffer.position() + HEADER);
                    byte[] bytes = new byte[length];
                    buffer.get(bytes);
                    output.write(stderr, bytes);
                }
            }
            buffer.compact();
            if (!buffer.hasRemaining()) {
                ByteBuffer larger = ByteBuffer.allocate(buffer.capacity() * 2);
                buffer.flip();
                larger.put(buffer);
                buffer = larger;
            }
            if (channel.read(buffer) < 0) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
