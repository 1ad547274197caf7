package dev.orc.api.spdy;

import java.nio.ByteBuffer;

/**
 * Writes frames for one direction of one connection. Header blocks share one compression context, so frames must be
 * sent in the order they were encoded.
 */
public final class SpdyEncoder implements AutoCloseable {
    /** A frame's length field has 24 bits. */
    public static final int MAX_LENGTH = (1 << 24) - 1;
    private static final int CONTROL_BIT = 0x8000;

    private final HeaderBlockCompressor compressor = new HeaderBlockCompressor();

    public synchronized ByteBuffer encode(SpdyFrame frame) {
        return switch (frame) {
            case SpdyFrame.Data data -> {
                byte[] payload = data.payload();
                yield header(8 + payload.length).putInt(data.streamId()).putInt(flagsAndLength(data.fin() ? 1 : 0,
                        payload.length)).put(payload).flip();
            }
            case SpdyFrame.SynStream syn -> {
                byte[] block = compressor.compress(syn.headers());
                int flags = (syn.fin() ? 1 : 0) | (syn.unidirectional() ? 2 : 0);
                yield control(1, flags, 10 + block.length).putInt(syn.streamId()).putInt(syn.associatedStreamId())
                        .put((byte) (syn.priority() << 5)).put((byte) 0).put(block).flip();
            }
            case SpdyFrame.SynReply reply -> {
                byte[] block = compressor.compress(reply.headers());
                yield control(2, reply.fin() ? 1 : 0, 4 + block.length).putInt(reply.streamId()).put(block).flip();
            }
            case SpdyFrame.RstStream rst -> control(3, 0, 8).putInt(rst.streamId()).putInt(rst.status()).flip();
            case SpdyFrame.Settings settings -> {
                ByteBuffer buffer = control(4, settings.clearPersisted() ? 1 : 0, 4 + 8 * settings.entries().size())
                        .putInt(settings.entries().size());
                for (SpdyFrame.Setting entry : settings.entries()) {
                    buffer.putInt(flagsAndLength(entry.flags(), entry.id())).putInt(entry.value());
                }
                yield buffer.flip();
            }
            case SpdyFrame.Ping ping -> control(6, 0, 4).putInt(ping.id()).flip();
            case SpdyFrame.GoAway away -> control(7, 0, 8).putInt(away.lastGoodStreamId()).putInt(away.status()).flip();
            case SpdyFrame.Headers headers -> {
                byte[] block = compressor.compress(headers.headers());
                yield control(8, headers.fin() ? 1 : 0, 4 + block.length).putInt(headers.streamId()).put(block).flip();
            }
            case SpdyFrame.WindowUpdate update ->
                    control(9, 0, 8).putInt(update.streamId()).putInt(update.deltaWindowSize()).flip();
        };
    }

    private static ByteBuffer control(int type, int flags, int length) {
        checkLength(length);
        return header(8 + length).putShort((short) (CONTROL_BIT | SpdyFrame.VERSION)).putShort((short) type)
                .putInt(flagsAndLength(flags, length));
    }

    private static ByteBuffer header(int size) {
        checkLength(size - 8);
        return ByteBuffer.allocate(size);
    }

    private static int flagsAndLength(int flags, int length) {
        return (flags & 0xff) << 24 | length & MAX_LENGTH;
    }

    private static void checkLength(int length) {
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("a SPDY frame carries at most " + MAX_LENGTH + " bytes, not " + length);
        }
    }

    @Override
    public synchronized void close() {
        compressor.close();
    }
}
