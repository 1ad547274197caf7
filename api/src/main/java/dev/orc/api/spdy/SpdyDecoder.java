package dev.orc.api.spdy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads frames for one direction of one connection from bytes as they arrive, in pieces of any size (kubectl's Go
 * framer writes a frame field by field, each a WebSocket message of its own). Control frames of unknown types are
 * skipped, as SPDY/3 asks; a frame of another version, a data frame for stream 0 or a frame longer than
 * {@code maxLength} is a {@link SpdyProtocolException}.
 */
public final class SpdyDecoder implements AutoCloseable {
    private static final int HEADER = 8;

    private final HeaderBlockDecompressor decompressor = new HeaderBlockDecompressor();
    private final int maxLength;
    private byte[] pending = new byte[0];
    private int pendingLength;

    /** {@code maxLength}: the longest frame body accepted, at most {@link SpdyEncoder#MAX_LENGTH}. */
    public SpdyDecoder(int maxLength) {
        if (maxLength < 8 || maxLength > SpdyEncoder.MAX_LENGTH) {
            throw new IllegalArgumentException("the longest frame must be 8 to " + SpdyEncoder.MAX_LENGTH
                    + " bytes, not " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** The frames completed by {@code bytes}; bytes of an unfinished frame are kept for the next call. */
    public synchronized List<SpdyFrame> decode(ByteBuffer bytes) {
        append(bytes);
        List<SpdyFrame> frames = new ArrayList<>();
        int offset = 0;
        while (pendingLength - offset >= HEADER) {
            ByteBuffer header = ByteBuffer.wrap(pending, offset, HEADER);
            int first = header.getInt();
            int flagsAndLength = header.getInt();
            int length = flagsAndLength & SpdyEncoder.MAX_LENGTH;
            if (length > maxLength) {
                throw new SpdyProtocolException("a frame of " + length + " bytes is longer than the " + maxLength
                        + " accepted");
            }
            if (pendingLength - offset < HEADER + length) {
                break;
            }
            ByteBuffer body = ByteBuffer.wrap(pending, offset + HEADER, length).slice();
            int flags = flagsAndLength >>> 24;
            if (first < 0) {
                control(first, flags, body, frames);
            } else {
                if (first == 0) {
                    throw new SpdyProtocolException("a data frame names stream 0");
                }
                byte[] payload = new byte[length];
                body.get(payload);
                frames.add(new SpdyFrame.Data(first, (flags & 1) != 0, payload));
            }
            offset += HEADER + length;
        }
        pendingLength -= offset;
        System.arraycopy(pending, offset, pending, 0, pendingLength);
        return frames;
    }

    private void append(ByteBuffer bytes) {
        int needed = pendingLength + bytes.remaining();
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(needed, 2 * pending.length));
        }
        bytes.duplicate().get(pending, pendingLength, bytes.remaining());
        pendingLength = needed;
    }

    private void control(int first, int flags, ByteBuffer body, List<SpdyFrame> frames) {
        int version = (first >>> 16) & 0x7fff;
        int type = first & 0xffff;
        if (version != SpdyFrame.VERSION) {
            throw new SpdyProtocolException("a control frame of SPDY version " + version + ", not 3");
        }
        boolean fin = (flags & 1) != 0;
        switch (type) {
            case 1 -> {
                need(body, 10, "SYN_STREAM");
                int streamId = streamId(body.getInt(), "SYN_STREAM");
                int associated = body.getInt() & 0x7fffffff;
                int priority = (body.get() & 0xff) >>> 5;
                body.get();
                frames.add(new SpdyFrame.SynStream(streamId, associated, priority, fin, (flags & 2) != 0,
                        headers(body)));
            }
            case 2 -> {
                need(body, 4, "SYN_REPLY");
                frames.add(new SpdyFrame.SynReply(streamId(body.getInt(), "SYN_REPLY"), fin, headers(body)));
            }
            case 3 -> {
                need(body, 8, "RST_STREAM");
                frames.add(new SpdyFrame.RstStream(streamId(body.getInt(), "RST_STREAM"), body.getInt()));
            }
            case 4 -> frames.add(settings(flags, body));
            case 6 -> {
                need(body, 4, "PING");
                frames.add(new SpdyFrame.Ping(body.getInt()));
            }
            case 7 -> {
                need(body, 8, "GOAWAY");
                frames.add(new SpdyFrame.GoAway(body.getInt() & 0x7fffffff, body.getInt()));
            }
            case 8 -> {
                need(body, 4, "HEADERS");
                frames.add(new SpdyFrame.Headers(streamId(body.getInt(), "HEADERS"), fin, headers(body)));
            }
            case 9 -> {
                need(body, 8, "WINDOW_UPDATE");
                frames.add(new SpdyFrame.WindowUpdate(body.getInt() & 0x7fffffff, body.getInt() & 0x7fffffff));
            }
            default -> {
                // SPDY/3: a control frame of a type the receiver does not know is ignored
            }
        }
    }

    private static SpdyFrame.Settings settings(int flags, ByteBuffer body) {
        need(body, 4, "SETTINGS");
        int count = body.getInt();
        if (count < 0 || count != body.remaining() / 8 || body.remaining() % 8 != 0) {
            throw new SpdyProtocolException("a SETTINGS frame claims " + Integer.toUnsignedString(count)
                    + " entries in " + body.remaining() + " bytes");
        }
        List<SpdyFrame.Setting> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int flagsAndId = body.getInt();
            entries.add(new SpdyFrame.Setting(flagsAndId >>> 24, flagsAndId & SpdyEncoder.MAX_LENGTH, body.getInt()));
        }
        return new SpdyFrame.Settings((flags & 1) != 0, entries);
    }

    private SpdyHeaders headers(ByteBuffer body) {
        if (!body.hasRemaining()) {
            return SpdyHeaders.EMPTY;
        }
        byte[] block = new byte[body.remaining()];
        body.get(block);
        return decompressor.decompress(block);
    }

    private static int streamId(int field, String frame) {
        int streamId = field & 0x7fffffff;
        if (streamId == 0) {
            throw new SpdyProtocolException("a " + frame + " frame names stream 0");
        }
        return streamId;
    }

    private static void need(ByteBuffer body, int bytes, String frame) {
        if (body.remaining() < bytes) {
            throw new SpdyProtocolException("a " + frame + " frame of " + body.remaining() + " bytes is shorter than "
                    + bytes);
        }
    }

    @Override
    public synchronized void close() {
        decompressor.close();
    }
}
